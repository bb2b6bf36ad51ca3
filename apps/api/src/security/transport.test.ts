import { ProblemSchema } from "@taskgate/contracts/problem";
import { slowReadingUpload } from "@taskgate/lingering-close/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunk, listenLocal, type RawResponse, rawRequest } from "../testing/raw-http.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// Over a real socket: what Node's HTTP parser and Fastify see before our code.

let t: TestApp;
let port: number;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  port = await listenLocal(t.app);
  token = await t.token();
});

afterAll(async () => {
  await t.close();
});

const get = (path: string, headers: readonly string[] = []) =>
  rawRequest(port, [`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", ...headers].join("\r\n"));

function answered(res: RawResponse | { reset: string }): RawResponse {
  if ("reset" in res) throw new Error(`connection reset (${res.reset}) instead of an answer`);
  return res;
}

const expect401 = (res: RawResponse) => {
  expect(res.status).toBe(401);
  expect(res.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
};

describe("J20: Authorization variants on the wire", () => {
  it("J20: a well-formed bearer token is accepted (the baseline for the refusals below)", async () => {
    expect(answered(await get("/api/protected", [`Authorization: Bearer ${token}`])).status).toBe(
      200,
    );
  });

  it("J20: two Authorization headers (the first valid) are refused, not silently reduced to one", async () => {
    const res = answered(
      await get("/api/protected", [
        `Authorization: Bearer ${token}`,
        "Authorization: Bearer x.y.z",
      ]),
    );
    expect401(res);
    const reversed = answered(
      await get("/api/protected", [
        "Authorization: Bearer x.y.z",
        `Authorization: Bearer ${token}`,
      ]),
    );
    expect401(reversed);
  });

  it.each([
    ["no Authorization header", () => []],
    ["Bearer with no token", () => ["Authorization: Bearer"]],
    ["Basic credentials", () => ["Authorization: Basic dXNlcjpwYXNz"]],
    ["two spaces before a valid token", () => [`Authorization: Bearer  ${token}`]],
    ["a valid token without the scheme", () => [`Authorization: ${token}`]],
  ])("J20: %s answers 401, never 500", async (_name, headers) => {
    expect401(answered(await get("/api/protected", headers())));
  });

  it("J20: a valid token in ?access_token= is never honoured", async () => {
    expect401(answered(await get(`/api/protected?access_token=${token}`)));
    expect401(answered(await get(`/api/user-a/tasks?access_token=${token}`)));
  });
});

describe("J21: oversized headers", () => {
  it("J21: a 1 MB Authorization header is refused by the parser (431 or reset) quickly, and the server keeps serving", async () => {
    const started = performance.now();
    const res = await get("/api/protected", [`Authorization: Bearer ${"a".repeat(1024 * 1024)}`]);
    expect(performance.now() - started).toBeLessThan(2000);
    if (!("reset" in res)) {
      expect(res.status).toBe(431);
      expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(ProblemSchema.parse(JSON.parse(res.body))).toMatchObject({ status: 431 });
    }
    const health = answered(await get("/health"));
    expect(health.status).toBe(200);
    const again = answered(await get("/api/protected", [`Authorization: Bearer ${token}`]));
    expect(again.status).toBe(200);
  });

  it("J21: a 20 KB header (over Node's 16 KiB) answers 431 problem+json, never 500", async () => {
    const res = answered(await get("/health", [`X-Pad: ${"p".repeat(20_000)}`]));
    expect(res.status).toBe(431);
    expect(ProblemSchema.parse(JSON.parse(res.body)).code).toBe("BAD_REQUEST");
  });
});

describe("I1: body limit over the wire", () => {
  const post = (headers: readonly string[], body: readonly string[]) =>
    rawRequest(
      port,
      [
        "POST /api/user-a/tasks HTTP/1.1",
        "Host: 127.0.0.1",
        `Authorization: Bearer ${token}`,
        "Content-Type: application/json",
        ...headers,
      ].join("\r\n"),
      body,
    );

  it("I1: a chunked body with no length that grows past 64 KiB answers 413 (or is cut off), never 500", async () => {
    const before = t.queryCount();
    const parts = [chunk('{"title":"x","description":"')];
    for (let i = 0; i < 20; i += 1) parts.push(chunk("y".repeat(8192)));
    parts.push(chunk('"}'), chunk(""));
    const res = await post(["Transfer-Encoding: chunked"], parts);
    if (!("reset" in res)) expect(res.status).toBe(413);
    expect(t.queryCount()).toBe(before);
    expect(answered(await get("/health")).status).toBe(200);
  });

  it("I1: a Content-Length over 64 KiB answers 413 before the body is read", async () => {
    const res = answered(await post(["Content-Length: 10000000"], ['{"title":"x"']));
    expect(res.status).toBe(413);
    expect(ProblemSchema.parse(JSON.parse(res.body)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("I1: the 413 reaches a client that is still sending 20 MB and slow to read (lingering close, decision 060)", async () => {
    for (let i = 0; i < 3; i += 1) {
      const received = await slowReadingUpload(port, {
        path: "/api/tasks",
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received).toContain("PAYLOAD_TOO_LARGE");
    }
    expect(answered(await get("/health")).status).toBe(200);
  });

  it("I1: a small chunked body is accepted (the limit is on size, not on framing)", async () => {
    const res = answered(
      await post(["Transfer-Encoding: chunked"], [chunk('{"title":"chunked"}'), chunk("")]),
    );
    expect(res.status).toBe(201);
  });
});
