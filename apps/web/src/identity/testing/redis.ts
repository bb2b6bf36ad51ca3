import { randomUUID } from "node:crypto";
import {
  deleteRedisKeys,
  failInCi,
  redisKeys,
  redisProblem,
  TEST_REDIS_URL,
} from "@taskgate/test-services";

// The Redis the tests that need one use (REDIS_URL deployments), through the
// helpers every suite shares (packages/test-services).

export { redisKeys, TEST_REDIS_URL };

const problem = await redisProblem();
// Locally a missing Redis skips its tests (and says so); in CI it fails them.
failInCi(problem);

/** Whether a Redis answers, probed once per test file. */
export const REDIS_UP = problem === null;
if (!REDIS_UP) console.log(`[taskgate] Redis tests skipped: ${problem}`);

/** The variables selecting Redis under a key prefix of its own, and a way to delete its keys. */
export type TestRedis = {
  env: Record<string, string>;
  prefix: string;
  cleanUp: () => Promise<void>;
};

/** A fresh key prefix in the test Redis. */
export function redisEnv(): TestRedis {
  const prefix = `test-${randomUUID()}:`;
  return {
    env: { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix },
    prefix,
    cleanUp: () => deleteRedisKeys(prefix),
  };
}
