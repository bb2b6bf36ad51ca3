import { ProblemSchema } from "@taskgate/contracts/problem";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TaskClient, taskClient } from "../tasks/testing/task-client.js";
import {
  adminQuery,
  postgresReachable,
  quoteIdentifier,
  testEngines,
} from "../testing/databases.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// A real outage of a real server: the app's database stops accepting
// connections and loses the ones it had, then comes back. The app is not
// restarted in between: its pool must find the database again by itself.

await testEngines();
const reachable = await postgresReachable();

let t: TestApp;
let a: TaskClient;

async function takeDown(): Promise<void> {
  const name = quoteIdentifier(t.databaseName);
  await adminQuery(`alter database ${name} allow_connections false`);
  await adminQuery("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [
    t.databaseName,
  ]);
}

const bringBack = () =>
  adminQuery(`alter database ${quoteIdentifier(t.databaseName)} allow_connections true`);

function expectUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode).toBe(503);
  expect(res.headers["retry-after"]).toMatch(/^\d+$/);
  expect(ProblemSchema.parse(res.json()).code).toBe("SERVICE_UNAVAILABLE");
  expect(res.body).not.toMatch(/postgres|terminat|connection|select|insert/i);
}

describe.runIf(reachable)("F9 on PostgreSQL: the database goes away and comes back", () => {
  beforeAll(async () => {
    t = await createTestApp({ engine: "postgres" });
    a = await taskClient(t, "user-a");
    await t.jwks.warmUp();
    await a.create("before the outage");
    await takeDown();
  });

  afterAll(async () => {
    await bringBack();
    await t.close();
  });

  it("F9: a valid token gets 503 + Retry-After on reads and writes, quickly", async () => {
    const started = performance.now();
    expectUnavailable(await a.send("GET", a.base));
    expectUnavailable(await a.send("POST", a.base, { payload: { title: "lost?" } }));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("F9: an invalid token still gets 401", async () => {
    const res = await t.app.inject({ url: a.base, headers: { authorization: "Bearer x.y.z" } });
    expect(res.statusCode).toBe(401);
  });

  it("F9: /ready answers 503 while /health answers 200", async () => {
    const ready = await t.app.inject({ url: "/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { database: false, jwks: true } });
    expect((await t.app.inject({ url: "/health" })).statusCode).toBe(200);
  });

  it("F9: once the database is back, requests succeed again without a restart", async () => {
    await bringBack();
    expect((await t.app.inject({ url: "/ready" })).statusCode).toBe(200);
    const list = await a.send("GET", a.base);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((task: { title: string }) => task.title)).toEqual([
      "before the outage",
    ]);
    expect((await a.send("POST", a.base, { payload: { title: "after" } })).statusCode).toBe(201);
  });
});
