import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;

afterEach(async () => {
  await t.close();
});

describe("health and readiness", () => {
  it("GET /health answers 200 ok", async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("I23: GET /ready answers 200 once the database answers and the JWKS is loaded, with booleans and no counts", async () => {
    t = await createTestApp();
    await t.jwks.warmUp();
    await t.revocations.syncNow();
    const res = await t.app.inject({ method: "GET", url: "/ready" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: "ready",
      checks: { database: true, jwks: true, revocations: true },
    });
  });

  it("I23: GET /ready tells nothing about the revocation list, whatever it holds", async () => {
    t = await createTestApp();
    await t.jwks.warmUp();
    t.feed.revokeSession("session-1");
    t.feed.revokeSession("session-2");
    await t.revocations.syncNow();
    const ready = await t.app.inject({ method: "GET", url: "/ready" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: "ready",
      checks: { database: true, jwks: true, revocations: true },
    });
    expect(ready.body).not.toMatch(/\d/);
    const down = await createTestApp({ jwksDown: true });
    try {
      const unavailable = await down.app.inject({ method: "GET", url: "/ready" });
      expect(unavailable.statusCode).toBe(503);
      expect(unavailable.body).not.toMatch(/\d/);
    } finally {
      await down.close();
    }
  });

  it("GET /ready loads the JWKS in the background when not yet loaded", async () => {
    t = await createTestApp();
    const first = await t.app.inject({ method: "GET", url: "/ready" });
    expect(first.statusCode).toBe(503);
    await t.jwks.warmUp();
    const second = await t.app.inject({ method: "GET", url: "/ready" });
    expect(second.statusCode).toBe(200);
  });

  it("F1: GET /ready answers 503 with Retry-After while the JWKS was never loaded", async () => {
    t = await createTestApp({ jwksDown: true });
    await t.jwks.warmUp();
    const res = await t.app.inject({ method: "GET", url: "/ready" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.json()).toMatchObject({
      status: "unavailable",
      checks: { database: true, jwks: false, revocations: true },
    });
    const health = await t.app.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(200);
  });
});
