import type { WebConfig } from "../../server/config.server";
import type { openRedisStorage } from "../storage/redis.server";
import type { DpopBindingOptions } from "./plugin.server";
import { memoryReplayCache, redisReplayCache } from "./replay-cache.server";

/** Where token requests' proofs must point, and where their replays are remembered. */
export function dpopOptions(
  config: WebConfig,
  redis: ReturnType<typeof openRedisStorage> | undefined,
): DpopBindingOptions {
  return {
    tokenUrl: `${config.baseUrl.replace(/\/+$/, "")}/api/auth/token`,
    // Shared by every instance when there is Redis, so a proof replayed
    // to another instance is refused there too.
    replay: redis
      ? redisReplayCache(redis.client, `taskgate:${config.redis?.keyPrefix ?? ""}`)
      : memoryReplayCache(),
  };
}
