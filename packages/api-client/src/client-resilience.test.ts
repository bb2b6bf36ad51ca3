import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-error";
import { createApiClient } from "./client";
import { fakeJwt, sendJson, startServer } from "./testing/http-fixture";
import { FAKE_TIMERS, preloadLazyModules, settle } from "./testing/settle";
import { createTokenProvider } from "./token-provider";

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

let server: Awaited<ReturnType<typeof startServer>>;
let apiHandler: Handler;
let apiAttempts = 0;
const seenTokens: string[] = [];
const seenIdempotencyKeys: string[] = [];

const TASK = {
  id: "t1",
  user_id: "u1",
  title: "x",
  description: null,
  completed: true,
  created_at: "2026-11-23T10:00:00.000Z",
  updated_at: "2026-11-23T10:00:00.000Z",
};

beforeAll(preloadLazyModules);

beforeEach(async () => {
  vi.useFakeTimers(FAKE_TIMERS);
  apiAttempts = 0;
  seenTokens.length = 0;
  seenIdempotencyKeys.length = 0;
  let issued = 0;
  server = await startServer((req, res) => {
    if (req.url === "/api/auth/token") {
      issued += 1;
      return sendJson(res, 200, {
        token: fakeJwt(Math.floor(Date.now() / 1000) + 900, `t${issued}`),
      });
    }
    apiAttempts += 1;
    seenTokens.push(req.headers.authorization ?? "");
    const key = req.headers["idempotency-key"];
    if (typeof key === "string") seenIdempotencyKeys.push(key);
    req.resume();
    req.on("end", () => apiHandler(req, res, apiAttempts));
  });
});

afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

function setup() {
  const onUnauthorized = vi.fn();
  const tokenProvider = createTokenProvider({ tokenUrl: `${server.url}/api/auth/token` });
  const client = createApiClient({ baseUrl: server.url, tokenProvider, onUnauthorized });
  return { client, onUnauthorized, tasks: client.tasks("u1") };
}

const problem = (status: number, code: string) => ({
  type: "about:blank",
  title: code,
  status,
  detail: code,
  code,
  request_id: "r1",
});

describe("api client resilience", () => {
  it("B2: shares one token fetch among 20 parallel api calls", async () => {
    apiHandler = (_req, res) => sendJson(res, 200, { message: "ok", user_id: "u1" });
    const { client } = setup();
    await settle(Promise.all(Array.from({ length: 20 }, () => client.getProtected())));
    expect(apiAttempts).toBe(20);
    expect(server.hits("/api/auth/token")).toBe(1);
  });

  it("B3: on a 401 fetches one fresh token, retries once and succeeds without signing out", async () => {
    apiHandler = (_req, res, attempt) =>
      attempt === 1
        ? sendJson(res, 401, problem(401, "UNAUTHENTICATED"))
        : sendJson(res, 200, { message: "ok", user_id: "u1" });
    const { client, onUnauthorized } = setup();
    await expect(settle(client.getProtected())).resolves.toMatchObject({ user_id: "u1" });
    expect(server.hits("/api/auth/token")).toBe(2);
    expect(seenTokens[0]).not.toBe(seenTokens[1]);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("B3: after a second 401 calls onUnauthorized once and stops (no loop)", async () => {
    apiHandler = (_req, res) => sendJson(res, 401, problem(401, "UNAUTHENTICATED"));
    const { client, onUnauthorized } = setup();
    const error = await settle(client.getProtected()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401 });
    expect(apiAttempts).toBe(2);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("B3: backs off on 503 and recovers, never signing the user out", async () => {
    apiHandler = (_req, res, attempt) =>
      attempt < 3
        ? sendJson(res, 503, problem(503, "SERVICE_UNAVAILABLE"))
        : sendJson(res, 200, { message: "ok", user_id: "u1" });
    const { client, onUnauthorized } = setup();
    await expect(settle(client.getProtected())).resolves.toMatchObject({ user_id: "u1" });
    expect(apiAttempts).toBe(3);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("gives up after 3 tries with the 503 as a typed error", async () => {
    apiHandler = (_req, res) =>
      sendJson(res, 503, problem(503, "SERVICE_UNAVAILABLE"), { "retry-after": "1" });
    const { client, onUnauthorized } = setup();
    const error = await settle(client.getProtected()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE" });
    expect(apiAttempts).toBe(3);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("retries a create with the same Idempotency-Key", async () => {
    apiHandler = (_req, res, attempt) =>
      attempt === 1 ? sendJson(res, 502, {}) : sendJson(res, 201, TASK);
    const { tasks } = setup();
    await expect(settle(tasks.create({ title: "x" }))).resolves.toMatchObject({ id: "t1" });
    expect(seenIdempotencyKeys).toHaveLength(2);
    expect(seenIdempotencyKeys[0]).toBe(seenIdempotencyKeys[1]);
  });

  it("never repeats a toggle, which is not safe to repeat", async () => {
    apiHandler = (_req, res) => sendJson(res, 503, problem(503, "SERVICE_UNAVAILABLE"));
    const { tasks } = setup();
    await expect(settle(tasks.toggleCompleted("t1"))).rejects.toMatchObject({ status: 503 });
    expect(apiAttempts).toBe(1);
  });

  it("repeats the set form of complete, which is idempotent", async () => {
    apiHandler = (_req, res, attempt) =>
      attempt === 1 ? sendJson(res, 504, {}) : sendJson(res, 200, TASK);
    const { tasks } = setup();
    await expect(settle(tasks.setCompleted("t1", true))).resolves.toMatchObject({
      completed: true,
    });
    expect(apiAttempts).toBe(2);
  });

  it("does not retry a client error such as 404", async () => {
    apiHandler = (_req, res) => sendJson(res, 404, problem(404, "NOT_FOUND"));
    const { tasks } = setup();
    await expect(settle(tasks.get("nope"))).rejects.toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    expect(apiAttempts).toBe(1);
  });

  it("times out a request that never answers", async () => {
    apiHandler = () => {};
    const tokenProvider = createTokenProvider({ tokenUrl: `${server.url}/api/auth/token` });
    const client = createApiClient({ baseUrl: server.url, tokenProvider, timeoutMs: 1_000 });
    const error = await settle(client.tasks("u1").toggleCompleted("t1")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "TIMEOUT" });
  });

  it("cancels through an AbortSignal without retrying", async () => {
    apiHandler = () => {};
    const { tasks } = setup();
    const controller = new AbortController();
    const pending = tasks.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(settle(pending)).rejects.toMatchObject({ status: 0, code: "ABORTED" });
    expect(apiAttempts).toBe(1);
  });
});
