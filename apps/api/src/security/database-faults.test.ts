import { ProblemSchema } from "@taskgate/contracts/problem";
import SQLite from "better-sqlite3";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TaskClient, taskClient } from "../tasks/testing/task-client.js";
import { testEngines } from "../testing/databases.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

const engines = await testEngines();

let t: TestApp;
let a: TaskClient;

afterEach(async () => {
  await t.close();
});

function expectDatabaseUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode).toBe(503);
  expect(res.headers["retry-after"]).toMatch(/^\d+$/);
  const problem = ProblemSchema.parse(res.json());
  expect(problem.code).toBe("SERVICE_UNAVAILABLE");
  expect(res.body).not.toMatch(/at .*\.(js|ts)|select|insert|sqlite|kysely|destroyed/i);
}

describe.each(engines)("F9: the api's database is down, on %s", (engine) => {
  beforeEach(async () => {
    t = await createTestApp({ engine });
    a = await taskClient(t, "user-a");
    await a.create("before the outage");
    await t.db.destroy(); // the handle is gone, as after a lost connection
  });

  it("F9: a valid token gets 503 + Retry-After with a generic body, on reads and writes", async () => {
    expectDatabaseUnavailable(await a.send("GET", a.base));
    expectDatabaseUnavailable(await a.send("POST", a.base, { payload: { title: "lost?" } }));
    expect(t.logs().some((line) => line.level === 50 && line.msg === "request failed")).toBe(true);
  });

  it("F9: an invalid token still gets 401 (authentication precedes the database)", async () => {
    const res = await t.app.inject({
      url: a.base,
      headers: { authorization: "Bearer x.y.z" },
    });
    expect(res.statusCode).toBe(401);
  });

  it("F9: readiness fails (503) while liveness holds (200)", async () => {
    await t.jwks.warmUp();
    const ready = await t.app.inject({ url: "/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: "unavailable",
      checks: { database: false, jwks: true, revocations: true },
    });
    expect((await t.app.inject({ url: "/health" })).statusCode).toBe(200);
  });

  it("C7: a 503 carries the JSON and security headers like every other error", async () => {
    const res = await a.send("GET", a.base);
    expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
  });
});

describe("F10: a busy database", () => {
  beforeEach(async () => {
    t = await createTestApp();
    a = await taskClient(t, "user-a");
  });

  it("F10: a write blocked by another connection's lock answers 503 within the busy timeout, reads keep working, and writes resume after", async () => {
    // The app waits busy_timeout (5 s in production) for a lock; shortened here.
    await sql`pragma busy_timeout = 200`.execute(t.db);
    if (t.database.kind !== "sqlite") throw new Error("a SQLite test");
    const other = new SQLite(t.database.file);
    try {
      other.exec("BEGIN IMMEDIATE");
      const started = performance.now();
      expectDatabaseUnavailable(await a.send("POST", a.base, { payload: { title: "blocked" } }));
      expect(performance.now() - started).toBeLessThan(200 + 1_000);
      expect((await a.send("GET", a.base)).statusCode).toBe(200); // WAL: readers are not blocked
      other.exec("ROLLBACK");
      expect((await a.send("POST", a.base, { payload: { title: "after" } })).statusCode).toBe(201);
    } finally {
      other.close();
    }
  });
});
