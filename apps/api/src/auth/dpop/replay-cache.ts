import { ReplayCacheUnavailableError } from "./dpop-errors.js";

/** Where the `jti`s of accepted proofs are remembered for as long as the proof could be accepted. */
export interface ReplayCache {
  /**
   * Records `id` for `ttlSeconds`; true if it was new, false if it was already
   * recorded (a replay). Throws ReplayCacheUnavailableError when it cannot tell.
   */
  remember(id: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * About 200 bytes an entry: at most ~40 MiB. At a retention of 90 s it admits
 * 2,200 new proofs a second to one instance; beyond that it refuses with 503
 * rather than forget a live entry (which would let that proof be replayed).
 */
export const MEMORY_REPLAY_CACHE_MAX = 200_000;

/**
 * One process's replay cache: a Map in insertion order. Every entry of one
 * cache gets the same lifetime in practice (the verifier's retention), so the
 * oldest entries are the first to expire and sweeping from the front keeps
 * the cost of expiry constant per request.
 */
export function createMemoryReplayCache(
  options: { max?: number; now?: () => number } = {},
): ReplayCache & { readonly size: number } {
  const max = options.max ?? MEMORY_REPLAY_CACHE_MAX;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  const sweep = (nowMs: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > nowMs) return;
      expiries.delete(id);
    }
  };
  return {
    async remember(id, ttlSeconds) {
      const nowMs = now();
      sweep(nowMs);
      const expiresAt = expiries.get(id);
      if (expiresAt !== undefined && expiresAt > nowMs) return false;
      if (expiries.size >= max) {
        throw new ReplayCacheUnavailableError(`DPoP replay cache full (${max} live entries)`);
      }
      // Delete first so a re-inserted id moves to the end (insertion order = expiry order).
      expiries.delete(id);
      expiries.set(id, nowMs + ttlSeconds * 1000);
      return true;
    },
    async close() {
      expiries.clear();
    },
    get size() {
      return expiries.size;
    },
  };
}
