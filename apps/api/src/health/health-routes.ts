import type { FastifyPluginAsync } from "fastify";
import type { JwksCache } from "../auth/jwks-cache.js";

export interface HealthDeps {
  pingDatabase: () => Promise<boolean>;
  jwks: Pick<JwksCache, "isLoaded" | "warmUp">;
}

/** Liveness (/health) never depends on anything; readiness (/ready) checks what requests need. */
export function healthRoutes(deps: HealthDeps): FastifyPluginAsync {
  return async (app) => {
    app.get("/health", async () => ({ status: "ok" }));

    app.get("/ready", async (_request, reply) => {
      const database = await deps.pingDatabase();
      const jwks = deps.jwks.isLoaded();
      // Not awaited: readiness answers at once, and the next probe sees the result.
      if (!jwks) void deps.jwks.warmUp();
      if (database && jwks) return { status: "ready", checks: { database, jwks } };
      return reply
        .code(503)
        .header("retry-after", "5")
        .send({ status: "unavailable", checks: { database, jwks } });
    });
  };
}
