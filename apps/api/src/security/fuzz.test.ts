import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { base64url } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TaskClient, taskClient } from "../tasks/testing/task-client.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// Generated requests at every route and method as user A (or as nobody, with
// token-like garbage): never a 5xx, and never a byte of user B's task.

const MARKER = `b-private-${randomUUID()}`;
const RUNS = { numRuns: 200 };
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"] as const;

let t: TestApp;
let a: TaskClient;
let b: TaskClient;
let bTaskId: string;
let aTaskId: string;
let aToken: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await taskClient(t, "user-a");
  b = await taskClient(t, "user-b");
  bTaskId = (await b.create(MARKER, { description: MARKER })).id;
  aTaskId = (await a.create("A's task")).id;
  aToken = await t.token({ sub: "user-a" });
});

afterAll(async () => {
  const reread = await b.get(bTaskId);
  expect(reread.json()).toMatchObject({ title: MARKER, description: MARKER, completed: false });
  await t.close();
});

const segment = fc.oneof(
  fc.constantFrom("user-a", "user-b", "", "..", "%00", "null"),
  fc.string({ minLength: 1, maxLength: 40 }),
);
const taskSegment = fc.oneof(
  fc.constant("B_TASK"),
  fc.constant("A_TASK"),
  fc.string({ minLength: 1, maxLength: 40 }),
);
const route = fc
  .tuple(
    fc.constantFrom(
      "/health",
      "/ready",
      "/openapi.json",
      "/api/protected",
      "/api/U/tasks",
      "/api/U/tasks/T",
      "/api/U/tasks/T/complete",
    ),
    fc.oneof(fc.constant("user-a"), segment),
    taskSegment,
  )
  .map(([template, user, task]) => {
    const id = task === "B_TASK" ? bTaskId : task === "A_TASK" ? aTaskId : task;
    return template.replace("U", encodeURIComponent(user)).replace("T", encodeURIComponent(id));
  });
const query = fc
  .array(
    fc.tuple(fc.oneof(fc.constantFrom("limit", "status", "cursor"), fc.string()), fc.string()),
    {
      maxLength: 4,
    },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.object().map((value) => JSON.stringify(value)),
  fc
    .record(
      { title: fc.jsonValue(), description: fc.jsonValue(), completed: fc.jsonValue() },
      {
        requiredKeys: [],
      },
    )
    .map((value) => JSON.stringify(value)),
  fc.string(),
);
const contentType = fc.oneof(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/problem+json",
  ),
  fc.string(),
);
const b64json = fc.jsonValue().map((value) => base64url.encode(JSON.stringify(value)));
const tokenLike = fc.oneof(
  fc
    .tuple(
      fc.record({
        alg: fc.oneof(fc.constantFrom("RS256", "none", "HS256", "EdDSA"), fc.string()),
        kid: fc.oneof(fc.constant("test-key-1"), fc.string()),
      }),
      fc.record({
        sub: fc.oneof(fc.constantFrom("user-a", "user-b"), fc.string(), fc.integer()),
        exp: fc.integer(),
        iat: fc.integer(),
      }),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/),
    )
    .map(
      ([h, p, sig]) =>
        `${base64url.encode(JSON.stringify(h))}.${base64url.encode(JSON.stringify(p))}.${sig}`,
    ),
  fc
    .tuple(b64json, b64json, fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/))
    .map((parts) => parts.join(".")),
);
const authorization = fc.oneof(
  fc.constant("VALID"),
  tokenLike.map((token) => `Bearer ${token}`),
  fc.string().map((value) => `Bearer ${value}`),
  fc.string(),
);

function expectSafe(res: LightMyRequestResponse, request: InjectOptions): void {
  const where = `${request.method} ${request.url}`;
  expect(res.statusCode, where).toBeLessThan(500);
  expect(res.body, where).not.toContain(MARKER);
}

describe("property-based: every route and method", () => {
  it("I8: generated bodies and content types as user A never cause a 5xx or reveal B's task", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        route,
        body,
        contentType,
        async (method, url, payload, type) => {
          const request: InjectOptions = {
            method,
            url,
            payload,
            headers: { authorization: `Bearer ${aToken}`, "content-type": type },
          };
          expectSafe(await t.app.inject(request), request);
        },
      ),
      RUNS,
    );
  });

  it("I9: generated query strings and headers (Authorization, Idempotency-Key, Content-Type, x-request-id) never cause a 5xx or reveal B's task", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        route,
        query,
        authorization,
        fc.string(),
        contentType,
        fc.string(),
        fc.option(body, { nil: undefined }),
        async (method, path, qs, auth, idempotencyKey, type, requestId, payload) => {
          const request: InjectOptions = {
            method,
            url: qs ? `${path}?${qs}` : path,
            headers: {
              authorization: auth === "VALID" ? `Bearer ${aToken}` : auth,
              "idempotency-key": idempotencyKey,
              "content-type": type,
              "x-request-id": requestId,
            },
            ...(payload !== undefined && { payload }),
          };
          expectSafe(await t.app.inject(request), request);
        },
      ),
      RUNS,
    );
  });

  it("J18: generated token-like strings are 401 on every protected route, with no DB query", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        route,
        tokenLike,
        async (method, url, token) => {
          const before = t.queryCount();
          const request: InjectOptions = {
            method,
            url,
            headers: { authorization: `Bearer ${token}` },
          };
          const res = await t.app.inject(request);
          expectSafe(res, request);
          if (url.startsWith("/api/") && method !== "OPTIONS" && res.statusCode !== 404) {
            expect(res.statusCode, `${method} ${url}`).toBe(401);
            expect(t.queryCount()).toBe(before);
          }
        },
      ),
      RUNS,
    );
  });
});
