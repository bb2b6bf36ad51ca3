import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TaskClient, taskClient } from "../tasks/testing/task-client.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;
let a: TaskClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await taskClient(t, "user-a");
});

afterAll(async () => {
  await t.close();
});

const DEPTH = 10_000;
const json = { "content-type": "application/json" };

describe("I4: pathological JSON", () => {
  it.each([
    ["a 10,000-level nested array as the body", `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`],
    [
      "a 10,000-level nested array as the title",
      `{"title":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`,
    ],
    ["a 10,000-level nested object", `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`],
    ["a 1,000,000-element array", `[${"0,".repeat(999_999)}0]`],
  ])("I4: %s answers 400/413/422 quickly, and the server keeps serving", async (_name, payload) => {
    const started = performance.now();
    const res = await a.send("POST", a.base, { payload, headers: json });
    expect([400, 413, 422]).toContain(res.statusCode);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await t.app.inject({ url: "/health" })).statusCode).toBe(200);
  });
});
