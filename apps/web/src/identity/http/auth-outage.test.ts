import type Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  call,
  newSession,
  PASSWORD,
  sameOrigin,
  startAuth,
  type TestAuth,
} from "../testing/auth-http";
import { ENGINES } from "../testing/databases";

// The web app's own database goes away under a running auth instance.

let t: TestAuth | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.dispose();
  t = undefined;
});

/** The database goes away: the SQLite handle closes, or PostgreSQL refuses every connection. */
async function takeDown(auth: TestAuth): Promise<void> {
  if (auth.store.engine === "postgres") {
    await auth.store.takeDown();
  } else {
    (auth.auth.options.database as Database.Database).close();
  }
}

async function expectGeneric5xx(response: Response) {
  expect(response.status).toBeGreaterThanOrEqual(500);
  const text = await response.text();
  expect(text).not.toMatch(
    /sqlite|postgres|taskgate_web_test|database connection|terminat|select |insert |\bat \S+ \(|node_modules/i,
  );
  if (text) expect(() => JSON.parse(text)).not.toThrow();
  expect(response.headers.get("set-cookie")).toBeNull();
}

describe.each(ENGINES)("the web app's database (%s) is down", (engine) => {
  it("F11: sign-in and /token answer 5xx with a generic body (no stack, no SQL)", async () => {
    // Quiet Better Auth's and our own error logs for this test.
    vi.spyOn(console, "error").mockImplementation(() => {});
    t = await startAuth(engine, { AUTH_RATE_LIMIT_MAX: "10000" });
    const cookie = await newSession(t, "f11@example.com");
    await takeDown(t);

    const signIn = await call(t, "/sign-in/email", {
      body: { email: "f11@example.com", password: PASSWORD },
    });
    await expectGeneric5xx(signIn);
    const token = await call(t, "/token", { headers: sameOrigin(t, cookie) });
    await expectGeneric5xx(token);
    const session = await call(t, "/get-session", { headers: sameOrigin(t, cookie) });
    await expectGeneric5xx(session);
  });

  it("F11: a storage failure caught before Better Auth's endpoint runs is a 503 with Retry-After and a generic JSON body", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    t = await startAuth(engine, { AUTH_RATE_LIMIT_MAX: "10000" });
    await takeDown(t);
    const response = await call(t, "/sign-in/email", {
      body: { email: "f11@example.com", password: PASSWORD },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      code: "SESSION_SERVICE_UNAVAILABLE",
      message: "The session service is unavailable. Try again shortly.",
    });
  });

  it("F11: when a Better Auth endpoint itself fails (/jwks skips the limiter) the answer is still 5xx and generic", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    t = await startAuth(engine, { AUTH_RATE_LIMIT_MAX: "10000" });
    const cookie = await newSession(t, "f11-endpoint@example.com");
    await takeDown(t);
    // No rate-limit storage read here: /jwks is exempt, so Better Auth's own
    // endpoint error handling answers.
    await expectGeneric5xx(await call(t, "/jwks"));
    await expectGeneric5xx(await call(t, "/get-session", { headers: sameOrigin(t, cookie) }));
  });
});
