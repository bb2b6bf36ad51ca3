import { describeError, getLogger } from "../../server/logger.server";

/**
 * Runs `prune` at most once per `intervalMs`, never two at a time, and never
 * for the caller to wait on: callers fire and forget, so pruning adds nothing
 * to a request's latency. The first run comes one interval after start-up.
 * Failures are logged and retried at the next opportunity.
 */
export function createPruner(prune: () => Promise<unknown>, intervalMs: number) {
  let nextAt = Date.now() + intervalMs;
  let running: Promise<void> | undefined;
  return {
    /** Starts a run if one is due; the returned promise never rejects. */
    maybePrune(): Promise<void> | undefined {
      const now = Date.now();
      if (running || now < nextAt) return undefined;
      nextAt = now + intervalMs;
      running = prune()
        .then(
          () => undefined,
          (error: unknown) => {
            getLogger().error(
              { event: "revocation.prune_failed", error: describeError(error) },
              "revocation: pruning failed",
            );
          },
        )
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
