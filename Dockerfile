# syntax=docker/dockerfile:1
# Both services from one file, built from the repository root (npm workspaces,
# one lockfile), so they share the dependency stage:
#
#   docker build --target api -t taskgate-api .
#   docker build --target web -t taskgate-web .
#   docker build --target web-tools -t taskgate-web-tools .   # one-off jobs
#
# api: `node apps/api/dist/main.js` as the unprivileged `node` user on port
# 8000; it migrates its tables at start, or as a release step:
#   docker run --rm -e DATABASE_URL=... taskgate-api node apps/api/dist/db/migrate-cli.js
# web: Next's standalone output (NEXT_OUTPUT=standalone, see
# apps/web/next.config.ts) behind the app's own server, `node
# apps/web/server.mjs --standalone` on port 3000 (decision 028); it
# migrates its tables at start. web-tools is the whole built workspace for
# `npm run db:migrate -w @taskgate/web` (its default) or `npm run keys:rotate`:
#   docker run --rm -e DATABASE_URL=... -e BETTER_AUTH_SECRET=... taskgate-web-tools
#
# Behind a TLS-inspecting proxy, pass its CA bundle as an optional build
# secret; every `npm ci` trusts it, and nothing of it stays in an image:
#   docker build --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt --target api .
#
# Configuration comes from the environment only (see .env.example and
# docs/deploy.md); nothing secret is baked into an image. NEXT_PUBLIC_API_URL
# is read at run time, so one web image serves every deployment.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- manifests + build tools: better-sqlite3 is a native addon, compiled from
# source when no prebuilt binary matches (the root package.json's
# allowScripts lets its install script run under npm 11).
FROM ${NODE_IMAGE} AS manifests
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/config/package.json packages/config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/api-client/package.json packages/api-client/
COPY packages/test-services/package.json packages/test-services/
COPY packages/lingering-close/package.json packages/lingering-close/

# --- every dependency (compilers, bundlers), shared by both builds.
FROM manifests AS deps
RUN --mount=type=secret,id=ca,target=/run/secrets/ca.pem \
    if [ -s /run/secrets/ca.pem ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca.pem; fi \
    && npm ci
COPY tsconfig.base.json ./
COPY packages packages

# ============================== api ==============================

# dist/main.js and dist/db/migrate-cli.js; the workspace packages are bundled in.
FROM deps AS api-build
COPY apps/api apps/api
RUN npm run build -w @taskgate/api

# Production dependencies of the api workspace only.
FROM manifests AS api-prod-deps
RUN --mount=type=secret,id=ca,target=/run/secrets/ca.pem \
    if [ -s /run/secrets/ca.pem ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca.pem; fi \
    && npm ci --omit=dev --workspace=@taskgate/api

FROM ${NODE_IMAGE} AS api
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=8000 \
    DATA_DIR=/app/data
WORKDIR /app
# The root package.json (it declares the workspaces) anchors DATA_DIR and the
# optional .env; apps/api/package.json makes dist/*.js ES modules.
COPY --from=api-prod-deps /app/package.json ./package.json
COPY --from=api-prod-deps /app/node_modules ./node_modules
COPY --from=api-build /app/apps/api/package.json ./apps/api/package.json
COPY --from=api-build /app/apps/api/dist ./apps/api/dist
# SQLite files when DATABASE_URL is empty (mount a volume here); unused with PostgreSQL.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8000
# Readiness: 200 once the database answers and the web app's JWKS is loaded.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.API_PORT||8000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: stop accepting, drain requests in flight (up to 25 s), close the database.
STOPSIGNAL SIGTERM
# A 4 MiB young generation and an old generation kept within 1.5× of what
# it holds alive keep resident memory down (decisions 022 and 061).
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=50", "apps/api/dist/main.js"]

# ============================== web ==============================

# .next/standalone traces exactly the files the server needs, better-sqlite3's
# compiled addon and pg included (server external packages).
FROM deps AS web-build
ENV NEXT_OUTPUT=standalone \
    NEXT_TELEMETRY_DISABLED=1
COPY apps/web apps/web
RUN npm run build -w @taskgate/web

# One-off jobs: the full built workspace.
FROM web-build AS web-tools
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "db:migrate", "-w", "@taskgate/web"]

FROM ${NODE_IMAGE} AS web
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
# Standalone output of a workspace: /app/apps/web/server.js beside a trimmed
# /app/node_modules. Static assets are not part of it and are copied next to
# the server, which then serves them (apps/web has no public/ folder).
COPY --from=web-build /app/apps/web/.next/standalone ./
COPY --from=web-build /app/apps/web/.next/static ./apps/web/.next/static
# The server that resolves each client's address (decision 028); the packages
# it loads (next, @fastify/proxy-addr, ipaddr.js) are in the standalone trace,
# except the workspace's own lingering close (decision 060), copied as a package.
COPY --from=web-build /app/apps/web/server.mjs ./apps/web/server.mjs
COPY --from=web-build /app/apps/web/console-as-json.mjs ./apps/web/console-as-json.mjs
COPY --from=web-build /app/apps/web/src/server/client-address.mjs ./apps/web/src/server/client-address.mjs
COPY --from=web-build /app/packages/lingering-close/package.json /app/packages/lingering-close/index.mjs ./node_modules/@taskgate/lingering-close/
# Writable by the server: Next's cache, and the SQLite files + generated secret
# when DATABASE_URL is empty (mount a volume on /app/data).
RUN mkdir -p /app/apps/web/.next/cache /app/data \
  && chown node:node /app/apps/web/.next/cache /app/data
USER node
EXPOSE 3000
# The JWKS answers once the database is migrated and the signing key is readable.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WEB_PORT||process.env.PORT||3000)+'/api/auth/jwks').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/web/server.mjs", "--standalone"]
