import type { Redis } from "ioredis";

/**
 * Remembers proof ids for a while. `firstUse` is true the first time an id is
 * seen within its TTL, false on every later call: a replay.
 */
export type ReplayCache = {
  firstUse(id: string, ttlSeconds: number): Promise<boolean>;
};

/** Above any real rate of token requests from one instance in a 90 s window. */
const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * One process's cache, bounded in time (entries expire) and in size. When it
 * is full of live entries it refuses new ids rather than forget live ones: a
 * flood then fails proofs (the client shows an error) but never reopens a
 * replay window.
 */
export function memoryReplayCache(
  options: { maxEntries?: number; now?: () => number } = {},
): ReplayCache {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  // Insertion order is expiry order: every entry gets the same TTL per caller.
  const expiries = new Map<string, number>();
  const prune = (at: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > at) break;
      expiries.delete(id);
    }
  };
  return {
    async firstUse(id, ttlSeconds) {
      const at = now();
      prune(at);
      const known = expiries.get(id);
      if (known !== undefined && known > at) return false;
      if (expiries.size >= maxEntries) return false;
      expiries.set(id, at + ttlSeconds * 1_000);
      return true;
    },
  };
}

/**
 * Shared by every web instance on one Redis: SET NX EX is atomic, so two
 * instances given the same proof at once accept it only once.
 */
export function redisReplayCache(client: Redis, keyPrefix: string): ReplayCache {
  return {
    async firstUse(id, ttlSeconds) {
      const set = await client.set(`${keyPrefix}dpop-jti:${id}`, "1", "EX", ttlSeconds, "NX");
      return set === "OK";
    },
  };
}
