import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claims, createTestKey, signRaw } from "../auth/testing/jwks-fixture.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.jwks.warmUp();
});

afterAll(async () => {
  await t.close();
});

const linesOf = (requestId: string) =>
  t
    .rawLogs()
    .split("\n")
    .filter((line) => line.includes(`"request_id":"${requestId}"`));

// What a flood of bad tokens costs in log volume: one short line each.
const MAX_LINE_BYTES = 320;

describe("L10: one log line per refused request", () => {
  const CASES = [
    ["no token", async () => ({})],
    ["a malformed token", async () => ({ authorization: "Bearer x.y" })],
    [
      "a forged token",
      async () => ({
        authorization: `Bearer ${await signRaw(await createTestKey("test-key-1"), claims())}`,
      }),
    ],
    [
      "another user's path",
      async () => ({ authorization: `Bearer ${await t.token({ sub: "user-b" })}` }),
    ],
  ] as const;

  it.each(CASES)(
    "L10: a request refused for %s writes exactly one short line with reason, route, request_id and ip",
    async (name, headers) => {
      const requestId = `l10-${name.replace(/\W/g, "-")}`;
      const sent: Record<string, string> = await headers();
      const res = await t.app.inject({
        url: "/api/user-a/tasks",
        headers: { "x-request-id": requestId, ...sent },
      });
      expect([401, 403]).toContain(res.statusCode);
      const lines = linesOf(requestId);
      expect(lines).toHaveLength(1);
      const [line = ""] = lines;
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
      expect(JSON.parse(line)).toMatchObject({
        level: 40,
        event: res.statusCode === 401 ? "auth.refused" : "auth.forbidden",
        reason: expect.stringMatching(/^[A-Z_]+$/),
        route: "/api/:userId/tasks",
        status: res.statusCode,
        ip: "127.0.0.1",
        request_id: requestId,
      });
      const token = sent.authorization?.slice("Bearer ".length);
      if (token) expect(line).not.toContain(token);
    },
  );

  it("L10: an accepted request still writes one info line", async () => {
    const res = await t.app.inject({
      url: "/api/protected",
      headers: { "x-request-id": "l10-ok", authorization: `Bearer ${await t.token()}` },
    });
    expect(res.statusCode).toBe(200);
    const lines = linesOf("l10-ok");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ level: 30, event: "http.request" });
  });
});
