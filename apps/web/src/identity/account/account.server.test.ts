import { afterEach, describe, expect, it, vi } from "vitest";
import {
  call,
  cookieHeader,
  newSession,
  PASSWORD,
  sameOrigin,
  signIn,
  startAuth,
} from "../testing/auth-http";
import { ENGINES, type Engine } from "../testing/databases";
import { REDIS_UP, redisEnv } from "../testing/redis";
import { readFeed, sessionOf } from "../testing/revocation-feed";
import { sharedTestAuth } from "../testing/shared-test-auth";

// What the account page relies on, over Better Auth's HTTP handler: deleting
// the account (password required), renaming, and the sessions list.

const MINUTE = 60_000;

type ListedSession = { id: string; updatedAt: string };

function accountFlows(engine: Engine, withRedis: boolean) {
  const t = sharedTestAuth(engine, {
    env: { AUTH_RATE_LIMIT_MAX: "10000" },
    redis: withRedis ? redisEnv() : undefined,
  });
  let users = 0;
  afterEach(() => {
    vi.useRealTimers();
  });

  const newUser = async () => {
    users += 1;
    const email = `account-${users}@example.com`;
    return { email, cookie: await newSession(t, email) };
  };
  const post = (cookie: string, path: string, body: unknown) =>
    call(t, path, { method: "POST", body, headers: sameOrigin(t, cookie) });
  const userName = async (cookie: string) =>
    (await (await call(t, "/get-session", { headers: { cookie } })).json()).user.name;
  const listSessions = async (cookie: string): Promise<ListedSession[]> => {
    const response = await call(t, "/list-sessions", { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.json();
  };

  it("refuses to delete the account without the password or with a wrong one, and records nothing", async () => {
    const { email, cookie } = await newUser();
    const mark = Date.now();
    const missing = await post(cookie, "/delete-user", {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: "PASSWORD_REQUIRED" });
    const empty = await post(cookie, "/delete-user", { password: "" });
    expect(empty.status).toBe(400);
    const wrong = await post(cookie, "/delete-user", { password: "not the password" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });

    expect((await readFeed(t, mark)).items).toEqual([]);
    expect((await sessionOf(t, cookie)).id).toBeTruthy();
    expect((await signIn(t, email)).status).toBe(200);
  });

  it("deletes the user, their sessions and their accounts with the right password", async () => {
    const { email, cookie } = await newUser();
    const { userId } = await sessionOf(t, cookie);
    const deleted = await post(cookie, "/delete-user", { password: PASSWORD });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ success: true, message: "User deleted" });
    // The browser's session cookie is cleared.
    expect(deleted.headers.get("set-cookie")).toMatch(/session_token=;/);
    const { adapter } = await t.auth.$context;
    for (const model of ["session", "account"]) {
      expect(await adapter.count({ model, where: [{ field: "userId", value: userId }] })).toBe(0);
    }
    expect(await adapter.count({ model: "user", where: [{ field: "id", value: userId }] })).toBe(0);
    expect((await signIn(t, email)).status).toBe(401);
  });

  it("renames the user (update-user), storing the name trimmed", async () => {
    const { cookie } = await newUser();
    const renamed = await post(cookie, "/update-user", { name: "  Grace Hopper " });
    expect(renamed.status).toBe(200);
    expect(await userName(cookie)).toBe("Grace Hopper");
  });

  it.each([
    ["empty", "   "],
    ["longer than 100 characters", "x".repeat(101)],
    ["not a string", 42],
  ])("refuses a name that is %s, on update-user and on sign-up", async (_, name) => {
    const { cookie } = await newUser();
    const renamed = await post(cookie, "/update-user", { name });
    expect(renamed.status).toBe(400);
    expect(await renamed.json()).toMatchObject({ code: "INVALID_NAME" });
    expect(await userName(cookie)).toBe("Test User");
    const signedUp = await call(t, "/sign-up/email", {
      body: { name, email: `named-${users}@example.com`, password: PASSWORD },
    });
    expect(signedUp.status).toBe(400);
    expect(await signedUp.json()).toMatchObject({ code: "INVALID_NAME" });
  });

  it("lists sessions with id, token, userAgent, ipAddress and times, also once the session is days old", async () => {
    const { email, cookie } = await newUser();
    const other = cookieHeader(
      await call(t, "/sign-in/email", {
        body: { email, password: PASSWORD },
        headers: { "user-agent": "Firefox on a laptop" },
      }),
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 3 * 24 * 60 * MINUTE);
    const listed = await listSessions(cookie);
    expect(listed).toHaveLength(2);
    for (const session of listed) {
      expect(Object.keys(session).sort()).toEqual([
        "createdAt",
        "expiresAt",
        "id",
        "ipAddress",
        "token",
        "updatedAt",
        "userAgent",
        "userId",
      ]);
    }
    const otherId = (await sessionOf(t, other)).id;
    expect(listed.find((session) => session.id === otherId)).toMatchObject({
      userAgent: "Firefox on a laptop",
    });
  });

  it("moves a session's updatedAt when it mints a token, at most once every 5 minutes", async () => {
    const { cookie } = await newUser();
    const { id } = await sessionOf(t, cookie);
    const updatedAt = async () =>
      Date.parse(
        (await listSessions(cookie)).find((session) => session.id === id)?.updatedAt ?? "",
      );
    const token = async () =>
      expect((await call(t, "/token", { headers: { cookie } })).status).toBe(200);
    const start = Date.now();
    const created = await updatedAt();

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + 4 * MINUTE);
    await token();
    expect(await updatedAt()).toBe(created);

    vi.setSystemTime(start + 6 * MINUTE);
    await token();
    expect(await updatedAt()).toBe(start + 6 * MINUTE);

    vi.setSystemTime(start + 8 * MINUTE);
    await token();
    expect(await updatedAt()).toBe(start + 6 * MINUTE);
  });
}

for (const engine of ENGINES) {
  describe(`account on ${engine}`, () => {
    accountFlows(engine, false);

    it("throttles delete-user like sign-in (AUTH_RATE_LIMIT_MAX per window)", async () => {
      const t = await startAuth(engine);
      try {
        const cookie = await newSession(t, "throttled@example.com");
        const attempt = () =>
          call(t, "/delete-user", {
            method: "POST",
            body: { password: "not the password" },
            headers: sameOrigin(t, cookie),
          });
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
        expect(statuses).toEqual([400, 400, 400, 429]);
      } finally {
        await t.dispose();
      }
    });
  });
  // The same flows with sessions mirrored in Redis (REDIS_URL deployments).
  // Skipped only where no Redis answers; in CI testing/redis.ts throws
  // instead, so these cannot skip there.
  describe.skipIf(!REDIS_UP)(
    `account on ${engine} with Redis secondary storage (skipped when no Redis answers)`,
    () => accountFlows(engine, true),
  );
}
