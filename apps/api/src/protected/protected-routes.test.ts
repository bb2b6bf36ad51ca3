import { ProblemSchema } from "@taskgate/contracts/problem";
import { ProtectedResponseSchema } from "@taskgate/contracts/protected";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;

afterEach(async () => {
  await t.close();
});

const get = (headers: Record<string, string> = {}, url = "/api/protected") =>
  t.app.inject({ method: "GET", url, headers });

describe("GET /api/protected", () => {
  it("answers 200 with user_id = sub for a valid token", async () => {
    t = await createTestApp();
    const res = await get({ authorization: `Bearer ${await t.token({ sub: "user-42" })}` });
    expect(res.statusCode).toBe(200);
    const body = ProtectedResponseSchema.parse(res.json());
    expect(body).toEqual({ message: "Hello from the API", user_id: "user-42" });
  });

  it("J20: answers 401 problem+json with WWW-Authenticate without a token", async () => {
    t = await createTestApp();
    const res = await get({ "x-request-id": "req-123" });
    expect(res.statusCode).toBe(401);
    expect(res.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
    expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    const problem = ProblemSchema.parse(res.json());
    expect(problem).toMatchObject({ status: 401, code: "UNAUTHENTICATED", request_id: "req-123" });
  });

  it.each([
    ["Basic credentials", "Basic dXNlcjpwYXNz"],
    ["two spaces", "Bearer  a.b.c"],
    ["Bearer alone", "Bearer"],
    ["garbage", "Bearer not-a-jwt"],
  ])("J20: answers 401 (never 500) for %s", async (_name, authorization) => {
    t = await createTestApp();
    const res = await get({ authorization });
    expect(res.statusCode).toBe(401);
    expect(res.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
  });

  it("J20: never honours a token in the query string", async () => {
    t = await createTestApp();
    const token = await t.token();
    const res = await get({}, `/api/protected?access_token=${token}`);
    expect(res.statusCode).toBe(401);
  });

  it("answers 401 for an expired token and logs the reason, never the token", async () => {
    t = await createTestApp();
    const token = await t.token({ exp: Math.floor(Date.now() / 1000) - 600 });
    const res = await get({ authorization: `Bearer ${token}`, "x-request-id": "req-exp" });
    expect(res.statusCode).toBe(401);
    const refusal = t.logs().find((line) => line.event === "auth.refused");
    expect(refusal).toMatchObject({
      reason: "TOKEN_EXPIRED",
      route: "/api/protected",
      request_id: "req-exp",
      ip: "127.0.0.1",
    });
    expect(t.rawLogs()).not.toContain(token);
    expect(t.rawLogs()).not.toContain(token.split(".")[2]);
  });

  it("F1: answers 503 with Retry-After (never 401) when the JWKS cannot be loaded", async () => {
    t = await createTestApp({ jwksDown: true });
    const res = await get({ authorization: `Bearer ${await t.token()}` });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(ProblemSchema.parse(res.json()).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("F1: still answers 401 for a malformed token while the JWKS is down", async () => {
    t = await createTestApp({ jwksDown: true });
    const res = await get({ authorization: "Bearer a.b" });
    expect(res.statusCode).toBe(401);
  });
});
