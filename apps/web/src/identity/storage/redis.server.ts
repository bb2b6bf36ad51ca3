import { redisStorage } from "@better-auth/redis-storage";
import { Redis } from "ioredis";
import type { RedisConfig } from "../../server/config.server";
import { getLogger } from "../../server/logger.server";

export type RedisSecondaryStorage = ReturnType<typeof redisStorage>;

/**
 * Better Auth's secondary storage on Redis, for state every web instance must
 * share (rate-limit counters, verification records). Keys live under
 * `taskgate:<REDIS_KEY_PREFIX>`.
 */
export function openRedisStorage(redis: RedisConfig): {
  storage: RedisSecondaryStorage;
  client: Redis;
} {
  const client = new Redis(redis.url, {
    // Fail a command quickly when Redis is down instead of queueing it for
    // long: a sign-in then answers 5xx rather than hanging.
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  // Without a listener ioredis reports every reconnect failure as an unhandled
  // error event. The message names host and port only, never the password.
  client.on("error", (error: Error) => {
    getLogger().error({ event: "redis.error", error: error.message }, "redis error");
  });
  return { storage: redisStorage({ client, keyPrefix: `taskgate:${redis.keyPrefix}` }), client };
}
