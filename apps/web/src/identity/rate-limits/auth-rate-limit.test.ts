import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  cookieHeader,
  sameOrigin,
  signIn,
  signUp,
  startAuth,
  type TestAuth,
} from "../testing/auth-http";
import { createStore, ENGINES, type Engine, type TestStore } from "../testing/databases";
import { REDIS_UP, redisEnv, TEST_REDIS_URL } from "../testing/redis";

// The per-IP limit on POST /sign-in/email: AUTH_RATE_LIMIT_MAX (3) per
// AUTH_RATE_LIMIT_WINDOW_SECONDS (10), in storage every instance shares.

const attempt = (t: TestAuth, headers: Record<string, string> = {}) =>
  call(t, "/sign-in/email", {
    body: { email: "nobody@example.com", password: "not the password" },
    headers,
  });

function expectThrottled(response: Response) {
  expect(response.status).toBe(429);
  const retry = Number(response.headers.get("x-retry-after"));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(10);
}

const started: TestAuth[] = [];
async function start(engine: Engine, env: Record<string, string> = {}, shared?: TestStore) {
  const t = await startAuth(engine, env, shared);
  started.push(t);
  return t;
}
afterEach(async () => {
  for (const t of started.splice(0)) await t.dispose();
});

describe.each(ENGINES)("on %s", (engine) => {
  describe("one instance", () => {
    it("U4: the 4th sign-in from one client within the window gets 429 with X-Retry-After", async () => {
      const t = await start(engine);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await attempt(t)).status);
      expect(statuses).toEqual([401, 401, 401]);
      const fourth = await attempt(t);
      expectThrottled(fourth);
      // A correct password does not get through the closed bucket either.
      expect((await signIn(t, "nobody@example.com")).status).toBe(429);
    });

    it("U4: a rotated X-Forwarded-For does not reset the bucket when no trusted proxy is configured", async () => {
      const t = await start(engine);
      const statuses = [];
      for (let i = 1; i <= 6; i++) {
        statuses.push((await attempt(t, { "x-forwarded-for": `203.0.113.${i}` })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      // Chains and IPv6 spellings are no way out either.
      expectThrottled(await attempt(t, { "x-forwarded-for": "198.51.100.1, 203.0.113.9" }));
      expectThrottled(await attempt(t, { "x-forwarded-for": "2001:db8::1" }));
      expectThrottled(await attempt(t, { "x-real-ip": "192.0.2.1" }));
    });

    it("U4: session-bound reads (/token, /get-session, /list-sessions) are not held to Better Auth's default limit in the bucket every client shares without a proxy", async () => {
      const t = await start(engine);
      const cookie = cookieHeader(await signUp(t, "busy-site@example.com"));
      for (const path of ["/token", "/get-session", "/list-sessions"]) {
        const statuses = new Set<number>();
        // Better Auth's default limit is 100 per 10 s per bucket.
        for (let i = 0; i < 120; i++) {
          statuses.add((await call(t, path, { headers: sameOrigin(t, cookie) })).status);
        }
        expect([path, [...statuses]]).toEqual([path, [200]]);
      }
    });

    it("U4: behind a trusted proxy each client has its own bucket and a forged left-most hop does not help", async () => {
      const t = await start(engine, { TRUSTED_PROXIES: "10.0.0.0/8" });
      // The proxy (10.0.0.1) appends the address it saw; anything left of that is the client's.
      const via = (client: string, forged = "") => ({
        "x-forwarded-for": [forged, client, "10.0.0.1"].filter(Boolean).join(", "),
      });
      for (let i = 1; i <= 3; i++) {
        expect((await attempt(t, via("203.0.113.7", `198.51.100.${i}`))).status).toBe(401);
      }
      expectThrottled(await attempt(t, via("203.0.113.7", "198.51.100.99")));
      expectThrottled(await attempt(t, via("203.0.113.7")));
      // Another client is not locked out by the first.
      expect((await attempt(t, via("203.0.113.8"))).status).toBe(401);
    });

    it("U4: IPv6 addresses in the same /64 share one bucket", async () => {
      const t = await start(engine, { TRUSTED_PROXIES: "10.0.0.0/8" });
      const from = (ip: string) => attempt(t, { "x-forwarded-for": `${ip}, 10.0.0.1` });
      expect((await from("2001:db8:1:2::1")).status).toBe(401);
      expect((await from("2001:db8:1:2::2")).status).toBe(401);
      expect((await from("2001:db8:1:2:ffff::3")).status).toBe(401);
      expectThrottled(await from("2001:db8:1:2:abcd::4"));
      expect((await from("2001:db8:1:3::1")).status).toBe(401);
    });
  });

  describe("two instances", () => {
    it("U4: two instances on one database (default storage) enforce one limit", async () => {
      const shared = await createStore(engine);
      try {
        const a = await start(engine, {}, shared);
        const b = await start(engine, {}, shared);
        const statuses = [];
        for (const t of [a, b, a]) statuses.push((await attempt(t)).status);
        expect(statuses).toEqual([401, 401, 401]);
        expectThrottled(await attempt(b));
        expectThrottled(await attempt(a));
      } finally {
        for (const t of started.splice(0)) await t.dispose();
        await shared.dispose();
      }
    });

    // Skipped only where no Redis runs; in CI testing/redis.ts throws instead
    // (and .ci/run checks Redis before any test), so this cannot skip there.
    describe.skipIf(!REDIS_UP)(
      `with REDIS_URL (skipped when no Redis answers at ${TEST_REDIS_URL})`,
      () => {
        const redis = redisEnv();
        const prefix = redis.prefix;
        let admin: Redis;
        beforeAll(() => {
          admin = new Redis(TEST_REDIS_URL);
        });
        afterAll(async () => {
          await redis.cleanUp();
          await admin.quit();
        });

        it("U4: two instances with separate databases sharing one Redis enforce one limit", async () => {
          const env = redis.env;
          const a = await start(engine, env);
          const b = await start(engine, env);
          expect(a.store.env).not.toEqual(b.store.env);
          const statuses = [];
          for (const t of [a, b, a]) statuses.push((await attempt(t)).status);
          expect(statuses).toEqual([401, 401, 401]);
          expectThrottled(await attempt(b));
          expectThrottled(await attempt(a));
          // The counter lives in Redis under the configured prefix, with a TTL.
          const keys = await admin.keys(`taskgate:${prefix}*`);
          expect(keys.some((key) => key.endsWith("/sign-in/email"))).toBe(true);
          for (const key of keys) expect(await admin.ttl(key)).toBeGreaterThan(0);
        });
      },
    );
  });
});
