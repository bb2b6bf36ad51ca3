import { Redis } from "ioredis";
import { ReplayCacheUnavailableError } from "./dpop-errors.js";
import type { ReplayCache } from "./replay-cache.js";

/** The key of a remembered proof, under the prefix every Taskgate key in Redis shares. */
export const replayKey = (keyPrefix: string, id: string) => `taskgate:${keyPrefix}dpop:jti:${id}`;

/**
 * The replay cache every api instance shares: one `SET key 1 EX ttl NX` per
 * proof, atomic in Redis, so of two instances receiving the same proof
 * exactly one accepts it. Redis expires the keys, bounding it in time; the
 * count is bounded by how many proofs can be accepted in one retention window.
 */
export function createRedisReplayCache(options: { url: string; keyPrefix: string }): ReplayCache {
  const client = new Redis(options.url, {
    // Fail a command quickly when Redis is down (a 503) instead of queueing it.
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: true,
  });
  // Without a listener ioredis reports each reconnect failure as an unhandled
  // error event; the request that needed Redis reports it instead.
  client.on("error", () => {});
  return {
    async remember(id, ttlSeconds) {
      try {
        const answer = await client.set(
          replayKey(options.keyPrefix, id),
          "1",
          "EX",
          ttlSeconds,
          "NX",
        );
        return answer === "OK";
      } catch (cause) {
        throw new ReplayCacheUnavailableError("DPoP replay cache (Redis) unavailable", { cause });
      }
    },
    async close() {
      client.disconnect();
    },
  };
}
