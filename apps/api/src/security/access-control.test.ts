import { TaskSchema } from "@taskgate/contracts/task";
import { beforeAll, describe, expect, it } from "vitest";
import { claims, signRaw } from "../auth/testing/jwks-fixture.js";
import { countTasks, type TaskClient, taskClient } from "../tasks/testing/task-client.js";
import { testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";

const engines = await testEngines();

describe.each(engines)("on %s", (engine) => {
  const now = Date.now();
  const t = sharedTestApp({ engine, clock: () => now });
  let a: TaskClient;
  let b: TaskClient;
  let bTask: { id: string };

  beforeAll(async () => {
    a = await taskClient(t, "user-a");
    b = await taskClient(t, "user-b");
    bTask = await b.create("B's task", { description: "B only" });
  });

  describe("A4: mass assignment", () => {
    it("A4: POST with user_id, owner and id of B is refused (422, by decision 011), creating nothing and leaving B untouched", async () => {
      const before = { a: await countTasks(t, "user-a"), b: await countTasks(t, "user-b") };
      const res = await a.send("POST", a.base, {
        payload: { title: "mine", user_id: "user-b", owner: "user-b", id: bTask.id },
      });
      expect(res.statusCode).toBe(422);
      expect(await countTasks(t, "user-a")).toBe(before.a);
      expect(await countTasks(t, "user-b")).toBe(before.b);
      expect(TaskSchema.parse((await b.get(bTask.id)).json())).toMatchObject({ title: "B's task" });
    });
  });

  describe("A7: odd task ids", () => {
    it("A7: hostile ids are bound as parameters: after them the table and B's row are intact", async () => {
      for (const id of [
        "'; DROP TABLE tasks;--",
        "' OR 1=1--",
        `${bTask.id}' OR '1'='1`,
        "%00",
        "..%2F..%2F",
      ]) {
        const res = await a.send("DELETE", `${a.base}/${encodeURIComponent(id)}`);
        expect(res.statusCode).toBe(404);
      }
      expect((await b.get(bTask.id)).statusCode).toBe(200);
      expect(await countTasks(t)).toBeGreaterThan(0);
    });
  });

  describe("A8: a user deleted in the web app", () => {
    it("A8: once the web app's revocation feed reports the deletion (within one poll, 2 s by default) the user's token is 401 everywhere and their tasks are erased", async () => {
      const ghost = await taskClient(t, "user-deleted-in-web-app");
      await ghost.create("soon gone");
      expect((await ghost.send("GET", "/api/protected")).statusCode).toBe(200);
      expect(await countTasks(t, "user-deleted-in-web-app")).toBe(1);

      t.feed.deleteUser("user-deleted-in-web-app");
      expect(await t.revocations.syncNow()).toBe(true);

      expect((await ghost.send("GET", "/api/protected")).statusCode).toBe(401);
      expect((await ghost.send("GET", ghost.base)).statusCode).toBe(401);
      expect(await countTasks(t, "user-deleted-in-web-app")).toBe(0);
      // Nobody else is touched.
      expect((await b.get(bTask.id)).statusCode).toBe(200);
    });
  });

  describe("A9: verb tampering", () => {
    it("A9: X-HTTP-Method-Override: DELETE on a GET is ignored (the GET runs, nothing is deleted)", async () => {
      const task = await a.create("keep me");
      for (const header of ["x-http-method-override", "x-http-method", "x-method-override"]) {
        const res = await a.send("GET", `${a.base}/${task.id}`, {
          headers: { [header]: "DELETE" },
        });
        expect(res.statusCode).toBe(200);
      }
      expect((await a.send("GET", `${a.base}/${task.id}?_method=DELETE`)).statusCode).toBe(200);
      expect((await a.get(task.id)).statusCode).toBe(200);
    });

    it.each(["TRACE", "CONNECT", "PROPFIND"] as const)(
      "A9: %s answers 404/405 and never runs a handler",
      async (method) => {
        const task = await a.create("still here");
        const before = t.queryCount();
        const res = await t.app.inject({
          method,
          url: `${a.base}/${task.id}`,
          headers: { authorization: `Bearer ${await signRaw(t.key, claims({ sub: "user-a" }))}` },
        });
        expect([404, 405]).toContain(res.statusCode);
        expect(t.queryCount()).toBe(before);
        expect((await a.get(task.id)).statusCode).toBe(200);
      },
    );
  });
});
