import { ProblemSchema } from "@taskgate/contracts/problem";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_ORIGIN, createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});

afterEach(async () => {
  await t.close();
});

const preflight = (origin: string) =>
  t.app.inject({
    method: "OPTIONS",
    url: "/api/protected",
    headers: {
      origin,
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization",
    },
  });

describe("CORS (C4)", () => {
  it("C4: answers a preflight from the app origin with the exact origin and Vary", async () => {
    const res = await preflight(APP_ORIGIN);
    expect(res.statusCode).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(res.headers.vary).toMatch(/Origin/);
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(String(res.headers["access-control-allow-headers"]).toLowerCase()).toContain(
      "authorization",
    );
  });

  it.each(["https://evil.example", "null", "http://localhost:3000.evil.example"])(
    "C4: gives origin %s no CORS headers",
    async (origin) => {
      const res = await preflight(origin);
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      const simple = await t.app.inject({ method: "GET", url: "/health", headers: { origin } });
      expect(simple.headers["access-control-allow-origin"]).toBeUndefined();
    },
  );

  it("J46: allows the DPoP request header in a preflight from the app origin", async () => {
    const res = await t.app.inject({
      method: "OPTIONS",
      url: "/api/protected",
      headers: {
        origin: APP_ORIGIN,
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,dpop",
      },
    });
    expect(res.statusCode).toBe(204);
    const allowed = String(res.headers["access-control-allow-headers"]).toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "dpop"]));
  });

  it("exposes x-request-id, Location, Retry-After, WWW-Authenticate, DPoP-Nonce and ETag to the app origin", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/health",
      headers: { origin: APP_ORIGIN },
    });
    expect(res.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(res.headers["access-control-expose-headers"]).toBe(
      "x-request-id, Location, Retry-After, WWW-Authenticate, DPoP-Nonce, ETag",
    );
  });
});

describe("request ids", () => {
  it("echoes a sane incoming x-request-id", async () => {
    const res = await t.app.inject({ url: "/health", headers: { "x-request-id": "abc.DEF_1-2" } });
    expect(res.headers["x-request-id"]).toBe("abc.DEF_1-2");
  });

  it.each([
    ["spaces and quotes", 'bad id "quoted"'],
    ["too long", "a".repeat(129)],
    ["a log-injection attempt", "x\\nlevel=error"],
  ])("replaces an incoming id with %s by a fresh UUID", async (_name, id) => {
    const res = await t.app.inject({ url: "/health", headers: { "x-request-id": id } });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sets x-request-id on responses without an incoming one", async () => {
    const res = await t.app.inject({ url: "/health" });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("errors and headers (C7, L2)", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const res = await t.app.inject({ url: "/nope", headers: { "x-request-id": "r404" } });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(ProblemSchema.parse(res.json())).toMatchObject({
      code: "NOT_FOUND",
      request_id: "r404",
    });
  });

  it.each(["/health", "/nope", "/api/protected"])(
    "C7: sets the security headers on %s",
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    },
  );

  it("L2: answers an unexpected exception with a generic 500 and logs it", async () => {
    t.app.get("/boom", async () => {
      throw new Error("secret SQL: select * from users");
    });
    const res = await t.app.inject({ url: "/boom" });
    expect(res.statusCode).toBe(500);
    const problem = ProblemSchema.parse(res.json());
    expect(problem).toMatchObject({ code: "INTERNAL", detail: "Internal server error" });
    expect(res.body).not.toContain("secret SQL");
    expect(res.body).not.toContain("at ");
    expect(t.logs().some((line) => line.level === 50 && line.msg === "request failed")).toBe(true);
  });
});

describe("request bodies (I1-I3)", () => {
  beforeEach(() => {
    t.app.post("/echo", async (request) => ({ received: request.body }));
  });

  const post = (payload: string, contentType = "application/json") =>
    t.app.inject({
      method: "POST",
      url: "/echo",
      payload,
      headers: { "content-type": contentType },
    });

  it("accepts a small JSON body", async () => {
    expect((await post('{"a":1}')).statusCode).toBe(200);
  });

  it("I1: answers 413 for a body over 64 KiB", async () => {
    const res = await post(JSON.stringify({ pad: "x".repeat(70 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(ProblemSchema.parse(res.json()).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("I2: answers 400 for malformed JSON, without a stack", async () => {
    const res = await post('{"title":');
    expect(res.statusCode).toBe(400);
    expect(ProblemSchema.parse(res.json()).code).toBe("BAD_REQUEST");
    expect(res.body).not.toMatch(/at .*\.js/);
  });

  it("I2: answers 400 for an empty JSON body", async () => {
    expect((await post("")).statusCode).toBe(400);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded"])(
    "I3: answers 415 for %s",
    async (type) => {
      const res = await post("title=x", type);
      expect(res.statusCode).toBe(415);
      expect(ProblemSchema.parse(res.json()).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    },
  );
});

describe("request logging (L1)", () => {
  it("writes one line per request with request_id, route, status and user_id", async () => {
    const token = await t.token({ sub: "user-log" });
    await t.app.inject({
      url: "/api/protected",
      headers: { authorization: `Bearer ${token}`, "x-request-id": "log-1" },
    });
    const lines = t.logs().filter((line) => line.request_id === "log-1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: "http.request",
      method: "GET",
      route: "/api/protected",
      status: 200,
      user_id: "user-log",
    });
    expect(typeof lines[0]?.duration_ms).toBe("number");
    expect(t.rawLogs()).not.toContain(token);
  });

  it("logs anonymous requests without user_id", async () => {
    await t.app.inject({ url: "/health", headers: { "x-request-id": "log-2" } });
    const lines = t.logs().filter((line) => line.request_id === "log-2");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty("user_id");
  });
});
