import cors from "@fastify/cors";
import { installLingeringClose } from "@taskgate/lingering-close";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { createAuthenticate } from "./auth/authenticate.js";
import { createDpop } from "./auth/dpop/create-dpop.js";
import type { JwksCache } from "./auth/jwks-cache.js";
import type { Revocations } from "./auth/revocation/create-revocations.js";
import { createTokenVerifier } from "./auth/verify-token.js";
import type { Config } from "./config.js";
import { ping } from "./db/ping.js";
import type { Database } from "./db/schema.js";
import { healthRoutes } from "./health/health-routes.js";
import { createClientErrorHandler } from "./http/client-error.js";
import { corsOptions } from "./http/cors.js";
import { registerErrorHandling } from "./http/error-handler.js";
import { registerRateLimits } from "./http/rate-limit.js";
import { genReqId } from "./http/request-id.js";
import { registerRequestLog } from "./http/request-log.js";
import { registerResponseHeaders } from "./http/response-headers.js";
import { serializerCompiler } from "./http/serializer.js";
import { serverTimeouts } from "./http/server-timeouts.js";
import { registerOpenApi } from "./openapi/openapi.js";
import { protectedRoutes } from "./protected/protected-routes.js";
import { taskRoutes } from "./tasks/task-routes.js";

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  jwks: Pick<JwksCache, "getKey" | "isLoaded" | "warmUp">;
  /** Revocation (auth/revocation/create-revocations.ts); the app starts and stops its poller. */
  revocations: Pick<Revocations, "guard" | "start" | "stop">;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock?: () => number;
}

export const BODY_LIMIT_BYTES = 64 * 1024;
const MAX_PARAM_LENGTH = 16 * 1024;

/** Builds the HTTP app without listening, so tests drive it through inject(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, jwks } = deps;
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // Our onResponse hook writes one line per request instead of Fastify's two.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "request_id",
    }),
    genReqId,
    clientErrorHandler: createClientErrorHandler(loggerInstance),
    bodyLimit: BODY_LIMIT_BYTES,
    ...serverTimeouts(config.http),
    // request.ip is the socket's peer unless that peer is a trusted proxy: a
    // header a client writes itself never moves it to another rate-limit bucket.
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    // Fastify's default (100) answers a long id with 414 before authentication;
    // Node's 16 KiB header limit already bounds a URL, so let every path reach
    // the contract's order of checks (401, 403, then 404 for an id that is no task).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  });
  // A 413 or 401 sent before the body was read must reach a client that is
  // still sending it, not be destroyed by the socket's reset.
  installLingeringClose(app.server);
  app.decorateRequest("user", null);
  // All bodies are JSON: anything else is 415, not silently parsed as text.
  app.removeContentTypeParser("text/plain");
  // Route schemas are the contracts' zod schemas: they validate requests and
  // serialize responses (dropping any field a schema does not name; compiled
  // to fast-json-stringify, see http/serializer.ts).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerErrorHandling(app);
  registerResponseHeaders(app);
  registerRequestLog(app);
  await app.register(cors, corsOptions(config.corsOrigins));
  // After CORS, so a browser can read a 429 and its Retry-After.
  const limits = await registerRateLimits(app, config);
  await registerOpenApi(app);

  const { clock, revocations } = deps;
  const { guard } = revocations;
  // The first poll runs once the app is ready (listen, or a test's first
  // inject), without holding it up: the web app may start after us. Closing
  // the app stops the timer and waits for a deletion in flight, before
  // main.ts closes the database.
  app.addHook("onReady", async () => revocations.start());
  app.addHook("onClose", async () => revocations.stop());

  await app.register(
    healthRoutes({
      pingDatabase: () => ping(db),
      jwks,
      revocations: { isStale: guard.isStale },
    }),
  );

  const verify = createTokenVerifier({
    jwks,
    ...config.jwt,
    ...(clock && { now: () => new Date(clock()) }),
    revocations: guard,
  });
  const dpop = createDpop(config, clock ? { now: clock } : {});
  app.addHook("onClose", async () => dpop.replay.close());
  await app.register(async (authenticated) => {
    authenticated.addHook("onRequest", createAuthenticate(verify, dpop));
    authenticated.addHook("onRequest", limits.perUser);
    await authenticated.register(protectedRoutes);
    await authenticated.register(taskRoutes({ db }));
  });

  return app;
}
