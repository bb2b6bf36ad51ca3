import { z } from "zod";
import {
  commaList,
  httpUrl,
  integer,
  LOG_LEVELS,
  origin,
  port,
  postgresUrl,
  SIGNING_ALGORITHMS,
  secret,
} from "./kinds";
import { variables } from "./registry";

/**
 * The addresses: WEB_URL and API_URL are the source of every other one, and
 * each derived address can still be set explicitly under its old name. Both
 * apps parse all of them, so both refuse the same contradictions (addresses.ts).
 */
export const addressEnv = {
  WEB_URL: origin.optional().register(variables, {
    app: "both",
    default: "`http://localhost:3000`: `WEB_PORT` on localhost",
    doc: "The web app's public URL: the source of the issuer, JWKS and revocation URLs, CORS origin and Better Auth's base URL.",
  }),
  API_URL: origin.optional().register(variables, {
    app: "both",
    default: "`http://localhost:8000`: `API_PORT` on localhost",
    doc: "The api's public URL: the token audience and the URL the browser calls.",
  }),
  WEB_PORT: port.optional().register(variables, {
    app: "both",
    default: "`3000`, or the port in `WEB_URL`",
    doc: "Port the web app listens on; alone it also moves WEB_URL on localhost.",
  }),
  API_PORT: port.optional().register(variables, {
    app: "both",
    default: "`8000`, or the port in `API_URL`",
    doc: "Port the api listens on; alone it also moves API_URL on localhost.",
  }),
  BETTER_AUTH_URL: origin.optional().register(variables, {
    app: "web",
    default: "`WEB_URL`",
    doc: "Better Auth's base URL; must equal WEB_URL (kept for existing deployments).",
  }),
  NEXT_PUBLIC_API_URL: origin.optional().register(variables, {
    app: "web",
    default: "`API_URL`",
    doc: "Where the browser calls the api (read at run time); must equal API_URL.",
  }),
  API_INTERNAL_URL: origin.optional().register(variables, {
    app: "web",
    default: "`API_URL`",
    doc: "Where the web server itself calls the api (the dashboard's first tasks); may be an internal address, e.g. http://api:8000 in compose.yaml.",
  }),
  JWT_ISSUER: origin.optional().register(variables, {
    app: "api",
    default: "`WEB_URL`",
    doc: "The iss the api requires; must equal WEB_URL.",
  }),
  JWT_AUDIENCE: z.string().min(1).optional().register(variables, {
    app: "both",
    default: "`API_URL`",
    doc: "The aud of every token; never the issuer.",
  }),
  JWKS_URL: httpUrl.optional().register(variables, {
    app: "api",
    default: "`WEB_URL` + `/api/auth/jwks`",
    doc: "Where the api fetches the web app's public keys (may be an internal address).",
  }),
  REVOCATIONS_URL: httpUrl.optional().register(variables, {
    app: "api",
    default: "beside `JWKS_URL`: `…/api/auth/revocations`",
    doc: "The revocation feed the api polls (ended sessions, deleted accounts).",
  }),
  CORS_ORIGINS: z
    .string()
    .transform(commaList)
    .pipe(z.array(origin).min(1, "must list at least one origin"))
    .optional()
    .register(variables, {
      app: "api",
      default: "`WEB_URL`",
      doc: "Browser origins allowed to call the api (comma-separated); must include WEB_URL.",
    }),
};

/** Everything else both apps read. */
export const sharedEnv = {
  ...addressEnv,
  JWT_ALGORITHM: z
    .string()
    .transform(commaList)
    .pipe(
      z
        .array(z.enum(SIGNING_ALGORITHMS, { error: `allowed: ${SIGNING_ALGORITHMS.join(", ")}` }))
        .min(1),
    )
    .default(["RS256"])
    .register(variables, {
      app: "both",
      default: "`RS256`",
      example: "RS256",
      doc: "Signing algorithm (RS256, ES256, PS256, EdDSA); a list: the web signs with the first, the api accepts all.",
    }),
  DATABASE_URL: postgresUrl.optional().register(variables, {
    app: "both",
    default: "SQLite under `./data`; `postgres://…` selects PostgreSQL",
    doc: "Empty: SQLite files under DATA_DIR (web.db, api.db); postgres://... selects PostgreSQL.",
  }),
  DB_POOL_MAX: integer(10, 1, 1_000).register(variables, {
    app: "both",
    default: "`10`",
    example: "10",
    doc: "PostgreSQL connections per process (each app has its own pool).",
  }),
  DATA_DIR: z.string().min(1).default("./data").register(variables, {
    app: "both",
    default: "`./data`",
    example: "./data",
    doc: "Where the SQLite files and the generated secret live (relative to the repository root).",
  }),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `allowed: ${LOG_LEVELS.join(", ")}` })
    .default("info")
    .register(variables, {
      app: "both",
      default: "`info`",
      example: "info",
      doc: "trace, debug, info, warn, error, fatal or silent.",
    }),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" })
    .optional()
    .register(variables, {
      app: "both",
      default: "unset: rate limits and secondary storage in the database",
      doc: "redis://...: rate limits, Better Auth's secondary storage and the DPoP replay cache in Redis, shared by every instance.",
    }),
  // The credential the api reads the revocation feed with (decision 038).
  REVOCATION_FEED_SECRET: secret.optional().register(variables, {
    app: "both",
    default:
      "generated once into `./data/revocation-feed-secret` with SQLite; required (≥ 32 chars, the same in both apps) with PostgreSQL",
    doc: "The credential the api reads the revocation feed with (decision 038); the feed answers nobody else.",
  }),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{0,100}$/, "letters, digits, '_', '.', ':' or '-' only")
    .default("")
    .register(variables, {
      app: "both",
      default: "empty",
      doc: "Prefix for this deployment's Redis keys (after `taskgate:`).",
    }),
  // The web app reads both to time key rotation against the api's cache.
  JWKS_COOLDOWN_SECONDS: integer(30, 1, 3_600).register(variables, {
    app: "both",
    default: "`30`",
    example: "30",
    doc: "At most one JWKS refetch per this many seconds for an unknown kid (1..3600).",
  }),
  JWKS_CACHE_MAX_AGE_SECONDS: integer(600, 1, 86_400).register(variables, {
    app: "both",
    default: "`600`",
    example: "600",
    doc: "The api refreshes its JWKS in the background after this many seconds.",
  }),
};
