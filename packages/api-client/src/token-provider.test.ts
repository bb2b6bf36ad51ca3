import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-error";
import { fakeJwt, sendJson, startServer } from "./testing/http-fixture";
import { createTokenProvider, REFRESH_MARGIN_MS } from "./token-provider";

const TTL_SECONDS = 900;
let server: Awaited<ReturnType<typeof startServer>>;
let tokenStatus = 200;
let issued = 0;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:00Z") });
  tokenStatus = 200;
  issued = 0;
  server = await startServer((_req, res) => {
    issued += 1;
    if (tokenStatus !== 200) return sendJson(res, tokenStatus, { message: "no" });
    // Each token is distinct so a test can tell a cached one from a fresh one.
    sendJson(res, 200, {
      token: fakeJwt(Math.floor(Date.now() / 1000) + TTL_SECONDS, `u${issued}`),
    });
  });
});

afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

const provider = () => createTokenProvider({ tokenUrl: `${server.url}/api/auth/token` });

describe("token provider", () => {
  it("B2: shares one token request among 20 concurrent callers", async () => {
    const tokens = provider();
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken()));
    expect(server.hits("/api/auth/token")).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it("B3: reuses the cached token until 60 s before exp, then fetches a new one", async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    vi.setSystemTime(Date.now() + TTL_SECONDS * 1000 - REFRESH_MARGIN_MS - 1_000);
    expect(await tokens.getToken()).toBe(first);
    expect(server.hits("/api/auth/token")).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await tokens.getToken()).not.toBe(first);
    expect(server.hits("/api/auth/token")).toBe(2);
  });

  it("fetches again when asked to force a refresh", async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    expect(await tokens.getToken({ forceRefresh: true })).not.toBe(first);
    expect(server.hits("/api/auth/token")).toBe(2);
  });

  it("B4: forgets the token on clear, and a fetch in flight does not refill the cache", async () => {
    const tokens = provider();
    await tokens.getToken();
    const pending = tokens.getToken({ forceRefresh: true });
    tokens.clear();
    await pending;
    await tokens.getToken();
    expect(server.hits("/api/auth/token")).toBe(3);
  });

  it("throws a typed 401 ApiError without a session and retries on the next call", async () => {
    tokenStatus = 401;
    const tokens = provider();
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    tokenStatus = 200;
    await expect(tokens.getToken()).resolves.toMatch(/\./);
  });

  it("reports an unreachable token endpoint as a network error (status 0)", async () => {
    await server.close();
    const error = await provider()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
  });
});
