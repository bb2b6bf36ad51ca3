import { afterAll, beforeAll } from "vitest";
import { startAuth, type TestAuth } from "./auth-http";
import type { Engine } from "./databases";
import type { TestRedis } from "./redis";

export type SharedTestAuthOptions = {
  /** Extra environment for the instance, e.g. a raised AUTH_RATE_LIMIT_MAX. */
  env?: Record<string, string>;
  /** Mirror sessions in this Redis (from redisEnv()); its keys are deleted afterwards. */
  redis?: TestRedis | undefined;
};

/**
 * One auth instance on a fresh `engine` store for all the tests of the
 * enclosing describe: started before the first of them, disposed of after the
 * last. The describe body runs before any hook, so what it gets is a stand-in
 * that reads the live instance; use it only inside tests and hooks.
 */
export function sharedTestAuth(
  engine: Engine,
  { env, redis }: SharedTestAuthOptions = {},
): TestAuth {
  let live: TestAuth | undefined;
  beforeAll(async () => {
    live = await startAuth(engine, { ...env, ...redis?.env });
  });
  afterAll(async () => {
    await live?.dispose();
    await redis?.cleanUp();
  });
  const current = (): TestAuth => {
    if (!live) throw new Error("sharedTestAuth: the instance exists only inside tests and hooks");
    return live;
  };
  return {
    get auth() {
      return current().auth;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get store() {
      return current().store;
    },
    dispose: () => current().dispose(),
  };
}
