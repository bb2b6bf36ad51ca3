import type { FastifyPluginAsync } from "fastify";
import type { JwksCache } from "../auth/jwks-cache.js";
import type { FeedStatus } from "../auth/revocation/revocation-poller.js";

export interface RevocationReadiness {
  status(): FeedStatus;
  /** True only in strict mode while the list is too old to trust: then not ready. */
  isStale(): boolean;
  strict: boolean;
}

export interface HealthDeps {
  pingDatabase: () => Promise<boolean>;
  jwks: Pick<JwksCache, "isLoaded" | "warmUp">;
  revocations: RevocationReadiness;
}

/** What /ready says about the revocation feed, whatever the mode. */
function feedBody(revocations: RevocationReadiness) {
  const { state, lastSyncAt, entries } = revocations.status();
  return {
    state,
    last_sync_at: lastSyncAt === null ? null : new Date(lastSyncAt).toISOString(),
    entries,
    mode: revocations.strict ? "strict" : "fail_open",
  };
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
      const checks = { database, jwks, revocations };
      const feed = feedBody(deps.revocations);
      if (database && jwks && revocations) return { status: "ready", checks, revocations: feed };
      return reply
        .code(503)
        .header("retry-after", "5")
        .send({ status: "unavailable", checks, revocations: feed });
    });
  };
}
