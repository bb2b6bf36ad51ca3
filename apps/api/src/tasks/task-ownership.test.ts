import { TaskListSchema, TaskSchema } from "@taskgate/contracts/task";
import { beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";
import { countTasks, type TaskClient, taskClient } from "./testing/task-client.js";

const engines = await testEngines();

describe.each(engines)("on %s", (engine) => {
  const t = sharedTestApp({ engine });
  let a: TaskClient;
  let b: TaskClient;

  beforeAll(async () => {
    a = await taskClient(t);
    b = await taskClient(t);
  });

  describe("ownership by query scope (A2, A3, A5)", () => {
    it.each([
      ["A2", "GET", "", undefined],
      ["A3", "PUT", "", { title: "hijacked", description: "by A", completed: true }],
      ["A3", "PATCH", "", { title: "hijacked" }],
      ["A3", "PATCH", "/complete", undefined],
      ["A3", "PATCH", "/complete", { completed: true }],
      ["A3", "DELETE", "", undefined],
    ] as const)(
      "%s: %s %s on B's task under A's own path answers 404, B's row unchanged",
      async (_id, method, suffix, payload) => {
        const original = await b.create("B's secret", { description: "B only" });
        const res = await a.send(method, `${a.base}/${original.id}${suffix}`, { payload });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: "NOT_FOUND", detail: "No such task" });
        expect(res.body).not.toContain("B's secret");
        const reread = await b.get(original.id);
        expect(reread.statusCode).toBe(200);
        expect(TaskSchema.parse(reread.json())).toEqual(original);
      },
    );

    it("A2: a foreign id and a missing id get the same answer", async () => {
      const foreign = await b.create();
      const one = await a.get(foreign.id);
      const missing = await a.get("00000000-0000-4000-8000-000000000000");
      const strip = (body: Record<string, unknown>) => ({ ...body, request_id: "" });
      expect(one.statusCode).toBe(missing.statusCode);
      expect(strip(one.json())).toEqual(strip(missing.json()));
    });

    it("A5: B's tasks never appear in A's list, whatever the filter", async () => {
      const mine = await a.create("A's own");
      const theirs = await b.create("B's own");
      await b.send("PATCH", `${b.base}/${theirs.id}/complete`);
      for (const status of ["all", "active", "completed"]) {
        const list = TaskListSchema.parse(
          (await a.send("GET", `${a.base}?status=${status}`)).json(),
        );
        expect(list.items.every((task) => task.user_id === a.userId)).toBe(true);
        expect(list.items.map((task) => task.id)).not.toContain(theirs.id);
        if (status !== "completed") expect(list.items.map((task) => task.id)).toContain(mine.id);
      }
    });

    it("A4: a created task belongs to the token's user, with a server-made id", async () => {
      const task = await a.create("mine");
      expect(task.user_id).toBe(a.userId);
      expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe("hostile strings are stored literally (I7)", () => {
    it.each([
      "'; DROP TABLE tasks;--",
      '{"$gt":""}',
      "<img src=x onerror=alert(1)>",
      "Robert'); DELETE FROM tasks WHERE ('1'='1",
      "😀 ünïcödé",
    ])("I7: keeps %j exactly as sent", async (text) => {
      const task = await a.create(text, { description: text });
      const reread = TaskSchema.parse((await a.get(task.id)).json());
      expect(reread.title).toBe(text.trim());
      expect(reread.description).toBe(text.trim());
      const list = (await a.send("GET", a.base)).json();
      expect(list.items.length).toBeGreaterThan(0);
    });

    it("I7: a NUL character, which PostgreSQL text cannot hold, answers 422 and stores nothing (both engines)", async () => {
      const fresh = await taskClient(t);
      const res = await fresh.send("POST", fresh.base, { payload: { title: "nul \u0000 here" } });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: "VALIDATION_FAILED" });
      expect(res.body).not.toMatch(/0x00|encoding|UTF8/);
      expect(await countTasks(t, fresh.userId)).toBe(0);
    });

    it("A1: a 10 KB user id in the path answers 403, not 414 or 500", async () => {
      const res = await a.send("GET", `/api/${"x".repeat(10_240)}/tasks`);
      expect(res.statusCode).toBe(403);
    });
  });
});
