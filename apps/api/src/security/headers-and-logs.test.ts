import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN_REASONS } from "../auth/errors.js";
import { claims, createTestKey, signRaw, unsigned } from "../auth/testing/jwks-fixture.js";
import { type TaskClient, taskClient } from "../tasks/testing/task-client.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;
let a: TaskClient;
let b: TaskClient;
let taskId: string;

beforeAll(async () => {
  t = await createTestApp();
  t.app.get("/boom", async () => {
    throw new Error("select secret from internals");
  });
  a = await taskClient(t, "user-a");
  b = await taskClient(t, "user-b");
  taskId = (await a.create("A's task")).id;
});

afterAll(async () => {
  await t.close();
});

describe("C7: headers on every JSON response", () => {
  const CASES = [
    [200, () => a.send("GET", a.base)],
    [201, () => a.send("POST", a.base, { payload: { title: "x" } })],
    [400, () => a.send("GET", `${a.base}?limit=0`)],
    [401, () => t.app.inject({ url: a.base })],
    [403, () => b.send("GET", a.base)],
    [404, () => a.get("missing")],
    [404, () => t.app.inject({ url: "/no-such-route" })],
    [413, () => a.send("POST", a.base, { payload: { title: "x".repeat(70_000) } })],
    [
      415,
      () => a.send("POST", a.base, { payload: "x", headers: { "content-type": "text/plain" } }),
    ],
    [422, () => a.send("POST", a.base, { payload: { title: 1 } })],
    [500, () => t.app.inject({ url: "/boom" })],
    [200, () => t.app.inject({ url: "/openapi.json" })],
  ] as const;

  it.each(CASES)(
    "C7: a %i answer is JSON in utf-8, no-store, nosniff, frame-ancestors 'none'",
    async (status, send) => {
      const res = await send();
      expect(res.statusCode).toBe(status);
      expect(res.headers["content-type"]).toMatch(/^application\/(problem\+)?json; charset=utf-8$/);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    },
  );

  it("C7: the /docs HTML page cannot be framed or sniffed either", async () => {
    const res = await t.app.inject({ url: "/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});

describe("L1: refusals are logged as security events", () => {
  const REFUSALS = [
    ["missing", () => undefined],
    ["malformed", () => "Bearer x.y"],
    ["alg none", () => `Bearer ${unsigned({ alg: "none", kid: "test-key-1" }, claims())}`],
    [
      "expired",
      async () => `Bearer ${await t.token({ exp: Math.floor(Date.now() / 1000) - 600 })}`,
    ],
    ["forged", async () => `Bearer ${await signRaw(await createTestKey("test-key-1"), claims())}`],
    ["wrong audience", async () => `Bearer ${await t.token({ aud: "http://localhost:3000" })}`],
  ] as const;

  it.each(REFUSALS)(
    "L1: a 401 for a %s token logs one auth.refused event with reason, route, request_id and ip, never the token",
    async (name, header) => {
      const authorization = await header();
      const requestId = `l1-${name.replace(/\W/g, "-")}`;
      const res = await t.app.inject({
        url: a.base,
        headers: { "x-request-id": requestId, ...(authorization && { authorization }) },
      });
      expect(res.statusCode).toBe(401);
      const events = t
        .logs()
        .filter((line) => line.event === "auth.refused" && line.request_id === requestId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ route: "/api/:userId/tasks", ip: "127.0.0.1" });
      expect(TOKEN_REASONS).toContain(events[0]?.reason);
      if (authorization) expect(t.rawLogs()).not.toContain(authorization.slice("Bearer ".length));
    },
  );

  it("L1: a 403 logs one auth.forbidden event with reason, the (verified) user id, route, request_id and ip", async () => {
    await b.send("DELETE", `${a.base}/${taskId}`, { headers: { "x-request-id": "l1-forbidden" } });
    const events = t
      .logs()
      .filter((line) => line.event === "auth.forbidden" && line.request_id === "l1-forbidden");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      reason: "PATH_USER_MISMATCH",
      user_id: "user-b",
      route: "/api/:userId/tasks/:taskId",
      ip: "127.0.0.1",
    });
  });
});

describe("L1: nothing secret reaches the logs", () => {
  it("L1: tokens, 'Bearer ', cookies and passwords never appear in the raw log text", async () => {
    const password = `pw-${crypto.randomUUID()}`;
    const cookie = `session-${crypto.randomUUID()}`;
    const good = await t.token({ sub: "user-a" });
    const expired = await t.token({ sub: "user-a", exp: Math.floor(Date.now() / 1000) - 600 });
    const forged = await signRaw(await createTestKey("test-key-1"), claims());
    const tokens = [good, expired, forged, "not.a.jwt"];
    const headers = (token: string) => ({
      authorization: `Bearer ${token}`,
      cookie: `better-auth.session_token=${cookie}`,
      "content-type": "application/json",
    });
    const body = JSON.stringify({ title: "x", password });
    for (const token of tokens) {
      await t.app.inject({ url: "/api/protected", headers: headers(token) });
      await t.app.inject({ method: "POST", url: a.base, headers: headers(token), payload: body });
      await t.app.inject({
        method: "POST",
        url: "/api/user-b/tasks",
        headers: headers(token),
        payload: body,
      });
      await t.app.inject({ url: `/api/protected?access_token=${token}` });
    }
    await t.app.inject({ url: "/boom", headers: headers(good) });
    const raw = t.rawLogs();
    expect(raw.length).toBeGreaterThan(0);
    for (const token of tokens) expect(raw).not.toContain(token);
    for (const token of [good, expired, forged]) expect(raw).not.toContain(token.split(".")[2]);
    expect(raw).not.toContain("Bearer ");
    expect(raw).not.toContain(cookie);
    expect(raw).not.toContain(password);
  });
});
