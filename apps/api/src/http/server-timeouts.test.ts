import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenLocal } from "../testing/raw-http.js";
import { trickle } from "../testing/slow-client.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// The timeouts are configuration: these tests shrink them so that a slow
// client meets them within seconds; the defaults are checked separately.
const REQUEST_MS = 1500;
const HEADERS_MS = 800;
const EVERY_MS = 150;

describe("I20: slow clients are closed (slow-loris)", () => {
  let t: TestApp;
  let port: number;
  let authorization: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        API_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
        API_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
        API_KEEP_ALIVE_TIMEOUT_MS: "1000",
      },
    });
    await t.jwks.warmUp();
    authorization = `Bearer ${await t.token({ sub: "user-a" })}`;
    port = await listenLocal(t.app);
  });

  afterAll(async () => {
    await t.close();
  });

  it("I20: the default settings answer 408 and close any request still arriving within 60 s", async () => {
    const d = await createTestApp();
    try {
      const server = d.app.server;
      expect(server.requestTimeout).toBe(30_000);
      expect(server.headersTimeout).toBe(10_000);
      expect(server.keepAliveTimeout).toBe(10_000);
      // Socket inactivity (connectionTimeout) is bounded too.
      expect(server.timeout).toBe(30_000);
      // Node checks both timeouts every connectionsCheckingInterval (at most 1 s).
      expect(server.requestTimeout + 1000).toBeLessThanOrEqual(60_000);
      expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    } finally {
      await d.close();
    }
  });

  it("I20: a body trickling in one byte at a time is answered 408 and closed", async () => {
    const head = [
      "POST /api/user-a/tasks HTTP/1.1",
      "Host: localhost",
      `Authorization: ${authorization}`,
      "Content-Type: application/json",
      "Content-Length: 4000",
      "",
      "",
    ].join("\r\n");
    const outcome = await trickle(port, head, '{"title":"slow"', EVERY_MS, 10_000);
    expect(outcome.response).toMatch(/^HTTP\/1\.1 408 /);
    // Bytes kept arriving every 150 ms: only the request timeout (plus at
    // most one check interval) can have ended it.
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_MS - 100);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_MS + 1500);
    // One line for the refusal, none for the body read it cut short.
    const lines = t.logs().filter((line) => (line.level as number) >= 40);
    expect(lines).toEqual([
      expect.objectContaining({
        event: "http.client_error",
        code: "ERR_HTTP_REQUEST_TIMEOUT",
        status: 408,
        ip: "127.0.0.1",
      }),
    ]);
  });

  it("I20: headers trickling in one byte at a time are answered 408 and closed", async () => {
    const outcome = await trickle(
      port,
      "GET /api/protected HTTP/1.1\r\nHost: localhost\r\n",
      "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      EVERY_MS,
      10_000,
    );
    expect(outcome.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_MS + 1500);
  });

  it("I20: a connection that sends nothing is closed", async () => {
    const outcome = await trickle(port, "", "", 60_000, 10_000);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_MS + 1500);
  });

  it("I20: an idle kept-alive connection is closed after the keep-alive timeout", async () => {
    const head = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const outcome = await trickle(port, head, "", 60_000, 10_000);
    expect(outcome.response).toMatch(/^HTTP\/1\.1 200 /);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(outcome.closedAfterMs).toBeLessThan(1000 + 1500);
  });
});
