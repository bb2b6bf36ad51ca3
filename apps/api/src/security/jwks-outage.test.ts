import { ProblemSchema } from "@taskgate/contracts/problem";
import type { LightMyRequestResponse } from "fastify";
import { exportJWK } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import {
  claims,
  createTestKey,
  signRaw,
  type TestKey,
  unsigned,
} from "../auth/testing/jwks-fixture.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// The JWKS cache seen from the api's edge, with a clock the test moves.
// Timings: cooldown 30 s, max age 10 min, max stale 1 h, fetch timeout 200 ms.
const COOLDOWN_MS = 30_000;
const MAX_AGE_MS = 600_000;
const MAX_STALE_MS = 3_600_000;
const ENV = {
  JWKS_COOLDOWN_SECONDS: "30",
  JWKS_CACHE_MAX_AGE_SECONDS: "600",
  JWKS_MAX_STALE_SECONDS: "3600",
  JWKS_TIMEOUT_MS: "200",
};

let t: TestApp;
let now: number;

async function start(options: { jwksDown?: boolean } = {}): Promise<void> {
  now = Date.now();
  t = await createTestApp({ ...options, env: ENV, clock: () => now });
}

afterEach(async () => {
  await t.close();
});

/** A good token signed by `key`, issued at the test clock's now. */
const tokenFor = (key: TestKey, sub = "user-a") => {
  const iat = Math.floor(now / 1000);
  return signRaw(key, claims({ sub, iat, exp: iat + 900 }));
};

const call = (token: string, url = "/api/protected") =>
  t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

const ready = () => t.app.inject({ url: "/ready" });

function expectUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode).toBe(503);
  expect(res.headers["retry-after"]).toBe("5");
  expect(res.headers["www-authenticate"]).toBeUndefined();
  expect(ProblemSchema.parse(res.json()).code).toBe("SERVICE_UNAVAILABLE");
}

const forgedWithRealKid = async () => signRaw(await createTestKey(t.key.kid), claims());

describe("F1: JWKS down at cold start", () => {
  it("F1: answers 503 + Retry-After (never 401), /ready 503, then recovers without a restart", async () => {
    await start({ jwksDown: true });
    expectUnavailable(await call(await t.token()));
    expectUnavailable(await call(await t.token(), "/api/user-a/tasks"));
    expect(t.queryCount()).toBe(0);
    expect((await ready()).statusCode).toBe(503);
    expect((await t.app.inject({ url: "/health" })).statusCode).toBe(200);

    await t.server.start();
    now += 5_000; // the cold-start retry gap
    expect((await call(await t.token())).statusCode).toBe(200);
    expect((await ready()).statusCode).toBe(200);
  });
});

describe("F2: JWKS down with a warm cache", () => {
  it("F2: keeps answering 200 past the cache max age until JWKS_MAX_STALE, then 503; forged tokens never pass", async () => {
    await start();
    expect((await call(await t.token())).statusCode).toBe(200);
    await t.server.stop();

    now += MAX_AGE_MS * 2;
    expect((await call(await t.token())).statusCode).toBe(200);
    expect((await call(await forgedWithRealKid())).statusCode).toBe(401);
    expect((await ready()).statusCode).toBe(200);

    now += MAX_STALE_MS - MAX_AGE_MS * 2 - 1_000;
    expect((await call(await t.token())).statusCode).toBe(200);
    expect((await call(await forgedWithRealKid())).statusCode).toBe(401);

    // Past the bound no key set is trusted: every well-formed token is 503 (a
    // forged one cannot be told apart without keys, and is not accepted).
    now += 2_000;
    expectUnavailable(await call(await t.token()));
    expect((await call(await forgedWithRealKid())).statusCode).not.toBe(200);
    expect((await call("x.y")).statusCode).toBe(401);
    expect((await ready()).statusCode).toBe(503);
  });
});

describe("F3: slow JWKS", () => {
  it("F3: a hanging JWKS endpoint is given up after the fetch timeout: 503 well within budget", async () => {
    await start();
    t.server.respond({ status: 200, body: "", hang: true });
    const started = performance.now();
    expectUnavailable(await call(await t.token()));
    expect(performance.now() - started).toBeLessThan(200 + 1_000);
  });

  it("F3: 100 concurrent requests at cache expiry cause exactly 1 JWKS fetch, all 200", async () => {
    await start();
    const token = await t.token();
    expect((await call(token)).statusCode).toBe(200);
    const before = t.server.requests;
    now += MAX_AGE_MS + 1;
    const results = await Promise.all(Array.from({ length: 100 }, () => call(token)));
    await t.jwks.warmUp();
    expect(results.every((res) => res.statusCode === 200)).toBe(true);
    expect(t.server.requests - before).toBe(1);
  });

  it("F3: 100 concurrent cold-start requests share 1 JWKS fetch", async () => {
    await start();
    const token = await t.token();
    const results = await Promise.all(Array.from({ length: 100 }, () => call(token)));
    expect(results.every((res) => res.statusCode === 200)).toBe(true);
    expect(t.server.requests).toBe(1);
  });
});

describe("F4: a JWKS that is not a usable key set", () => {
  const BAD = [
    [
      "HTML (captive portal)",
      { status: 200, body: "<html>sign in</html>", contentType: "text/html" },
    ],
    ["a 500", { status: 500, body: '{"error":"boom"}' }],
    ['{"keys":"x"}', { status: 200, body: '{"keys":"x"}' }],
  ] as const;

  it.each(BAD)(
    "F4: %s is never accepted: 503 + Retry-After and a jwks.fetch_failed alert",
    async (_name, response) => {
      await start();
      t.server.respond(response);
      expectUnavailable(await call(await t.token()));
      expect(t.logs().some((line) => line.event === "jwks.fetch_failed")).toBe(true);
      expect((await ready()).statusCode).toBe(503);
    },
  );

  it("F4: a JWK carrying private material (d) is skipped with an alert: 503 when nothing else is usable", async () => {
    await start();
    const privateJwk = { ...(await exportJWK(t.key.privateKey)), kid: t.key.kid, alg: "RS256" };
    t.server.serveKeys([privateJwk]);
    expectUnavailable(await call(await t.token()));
    const skipped = t.logs().find((line) => line.event === "jwks.key_skipped");
    expect(String(skipped?.problem)).toContain("private");
    expect(t.rawLogs()).not.toContain(String(privateJwk.d));
  });

  it("F4: two keys sharing a kid are both dropped with an alert: 503 when nothing else is usable", async () => {
    await start();
    const twin = await createTestKey(t.key.kid);
    t.server.serveKeys([t.key.publicJwk, twin.publicJwk]);
    expectUnavailable(await call(await t.token()));
    const skipped = t.logs().find((line) => line.event === "jwks.key_skipped");
    expect(String(skipped?.problem)).toContain("shares its kid");
  });
});

describe("F5, F7: rotation and revocation", () => {
  it("F5: a new kid is accepted after one refetch, the old kid while published, and refused after the refresh that drops it", async () => {
    await start();
    const old = t.key;
    const rotated = await createTestKey("test-key-2");
    expect((await call(await tokenFor(old))).statusCode).toBe(200);

    t.server.serveKeys([old.publicJwk, rotated.publicJwk]);
    now += COOLDOWN_MS;
    const before = t.server.requests;
    expect((await call(await tokenFor(rotated))).statusCode).toBe(200);
    expect(t.server.requests - before).toBe(1);
    expect((await call(await tokenFor(old))).statusCode).toBe(200);

    t.server.serveKeys([rotated.publicJwk]);
    now += MAX_AGE_MS + 1;
    // Answered from memory while the refresh runs: the bound is max age + one request.
    expect((await call(await tokenFor(old))).statusCode).toBe(200);
    await t.jwks.warmUp();
    expect((await call(await tokenFor(old))).statusCode).toBe(401);
    expect((await call(await tokenFor(rotated))).statusCode).toBe(200);
  });

  it("F7: a compromised key removed from the JWKS is refused right after reload() (SIGHUP), without waiting for the max age", async () => {
    await start();
    const compromised = t.key;
    const replacement = await createTestKey("test-key-2");
    expect((await call(await tokenFor(compromised))).statusCode).toBe(200);
    t.server.serveKeys([replacement.publicJwk]);
    // Within the max age and the cooldown, a known kid is still answered from memory...
    expect((await call(await tokenFor(compromised))).statusCode).toBe(200);
    // ...until the operator forces a reload.
    expect(await t.jwks.reload()).toBe(true);
    expect((await call(await tokenFor(compromised))).statusCode).toBe(401);
    expect((await call(await tokenFor(replacement))).statusCode).toBe(200);
  });

  it("F7: without a reload the removed key is refused after at most the cache max age (the documented bound)", async () => {
    await start();
    const compromised = t.key;
    expect((await call(await tokenFor(compromised))).statusCode).toBe(200);
    t.server.serveKeys([(await createTestKey("test-key-2")).publicJwk]);
    now += MAX_AGE_MS + 1;
    await call(await tokenFor(compromised)); // starts the background refresh
    await t.jwks.warmUp();
    expect((await call(await tokenFor(compromised))).statusCode).toBe(401);
  });
});

describe("F6: unknown-kid flood", () => {
  it("F6: 1,000 random kids over 60 s cause at most ceil(60/30)+1 JWKS fetches, all 401, no DB", async () => {
    await start();
    await t.jwks.warmUp();
    const before = t.server.requests;
    const windowMs = 60_000;
    const count = 1_000;
    for (let i = 0; i < count; i += 1) {
      now += windowMs / count;
      const kid = `flood-${crypto.randomUUID()}`;
      const token = unsigned({ alg: "RS256", kid }, claims(), "AAAA");
      const res = await call(token, "/api/user-a/tasks");
      expect(res.statusCode).toBe(401);
    }
    expect(t.server.requests - before).toBeLessThanOrEqual(Math.ceil(windowMs / COOLDOWN_MS) + 1);
    expect(t.queryCount()).toBe(0);
  });
});
