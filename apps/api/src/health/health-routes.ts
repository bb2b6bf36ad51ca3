import type { FastifyPluginAsync } from "fastify";
import type { JwksCache } from "../auth/jwks-cache.js";

export interface RevocationReadiness {
  /** True only in strict mode while the list is too old to trust: then not ready. */
  isStale(): boolean;
}

export interface HealthDeps {
  pingDatabase: () => Promise<boolean>;
  jwks: Pick<JwksCache, "isLoaded" | "warmUp">;
  revocations: RevocationReadiness;
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
      // Fail open (the default): an unreachable feed is reported, never fatal.
      const revocations = !deps.revocations.isStale();
      // Booleans only: /ready is public, so it tells nothing about the
      // revocation list (its size, age or mode) or anything else inside.
      const checks = { database, jwks, revocations };
      if (database && jwks && revocations) return { status: "ready", checks };
      return reply.code(503).header("retry-after", "5").send({ status: "unavailable", checks });
    });
  };
}
