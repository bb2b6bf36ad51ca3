import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { createApiClient } from "./client";
import { fakeJwt, sendJson, startServer } from "./testing/http-fixture";
import { createTokenProvider } from "./token-provider";

let server: Awaited<ReturnType<typeof startServer>>;
let lastAuthorization: string | undefined;
let requestIds: (string | undefined)[] = [];
let protectedHandler: Parameters<typeof startServer>[0];

beforeEach(async () => {
  lastAuthorization = undefined;
  requestIds = [];
  protectedHandler = (_req, res) => sendJson(res, 200, { message: "hi", user_id: "user-1" });
  server = await startServer((req, res) => {
    if (req.url === "/api/auth/token") {
      return sendJson(res, 200, { token: fakeJwt(Math.floor(Date.now() / 1000) + 900) });
    }
    lastAuthorization = req.headers.authorization;
    const requestId = req.headers["x-request-id"];
    requestIds.push(Array.isArray(requestId) ? requestId.join(",") : requestId);
    protectedHandler(req, res);
  });
});

afterEach(() => server.close());

function client() {
  const tokenProvider = createTokenProvider({ tokenUrl: `${server.url}/api/auth/token` });
  return createApiClient({ baseUrl: `${server.url}/`, tokenProvider });
}

describe("api client", () => {
  it("attaches the bearer token and returns the parsed body", async () => {
    await expect(client().getProtected()).resolves.toEqual({ message: "hi", user_id: "user-1" });
    expect(lastAuthorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("L21: sends a fresh x-request-id with every call, one the api accepts as its own", async () => {
    const api = client();
    await api.getProtected();
    await api.getProtected();
    expect(requestIds).toHaveLength(2);
    for (const id of requestIds) expect(id).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    expect(requestIds[0]).not.toBe(requestIds[1]);
  });

  it("turns a problem+json answer into an ApiError with code, detail and request id", async () => {
    protectedHandler = (_req, res) =>
      sendJson(
        res,
        401,
        {
          type: "about:blank",
          title: "Unauthorized",
          status: 401,
          detail: "Invalid token",
          code: "UNAUTHENTICATED",
          request_id: "req-42",
        },
        { "content-type": "application/problem+json" },
      );
    const error = await client()
      .getProtected()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      detail: "Invalid token",
      requestId: "req-42",
    });
  });

  it("turns a non-problem failure into an ApiError named by its status", async () => {
    protectedHandler = (_req, res) => {
      res.writeHead(502, { "x-request-id": "edge-1" }).end("<html>bad gateway</html>");
    };
    const error = await client()
      .getProtected()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: "HTTP_502", requestId: "edge-1" });
  });

  it("rejects a 200 whose body breaks the contract", async () => {
    protectedHandler = (_req, res) => sendJson(res, 200, { user_id: 12 });
    await expect(client().getProtected()).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it("cancels through an AbortSignal", async () => {
    protectedHandler = () => {}; // never answers
    const controller = new AbortController();
    const pending = client().getProtected(controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ status: 0, code: "ABORTED" });
  });
});
