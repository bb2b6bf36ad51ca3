import type { Config } from "../../config.js";
import type { DpopOptions } from "../authenticate.js";
import { createBindingCheck } from "./binding.js";
import { createMemoryReplayCache, type ReplayCache } from "./replay-cache.js";
import { createRedisReplayCache } from "./replay-cache-redis.js";
import { createProofVerifier } from "./verify-proof.js";

/**
 * Token binding as the configuration asks: the replay cache in Redis when
 * REDIS_URL is set (shared by every api instance), in memory otherwise.
 */
export function createDpop(
  config: Pick<Config, "dpop" | "redis" | "jwt">,
  options: { now?: () => number } = {},
): DpopOptions & { replay: ReplayCache } {
  const replay = config.redis ? createRedisReplayCache(config.redis) : createMemoryReplayCache();
  const verifyProof = createProofVerifier({
    publicUrl: config.dpop.publicUrl,
    replay,
    clockToleranceSeconds: config.jwt.clockToleranceSeconds,
    ...(options.now && { now: options.now }),
  });
  return {
    mode: config.dpop.mode,
    check: createBindingCheck(config.dpop.mode, verifyProof),
    replay,
  };
}
