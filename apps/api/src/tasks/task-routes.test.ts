import { TaskListSchema, TaskSchema } from "@taskgate/contracts/task";
import { describe, expect, it } from "vitest";
import { testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";
import { type TaskClient, taskClient } from "./testing/task-client.js";

const engines = await testEngines();

describe.each(engines)("on %s", (engine) => {
  const t = sharedTestApp({ engine });
  let a: TaskClient;

  // Each test works as a fresh user, so tests sharing the app never see each other's tasks.
  const fresh = async () => {
    a = await taskClient(t);
    return a;
  };

  const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  describe("task endpoints, happy paths", () => {
    it("POST creates a task: 201, the Task, and a Location that GET answers", async () => {
      await fresh();
      const res = await a.send("POST", a.base, {
        payload: { title: "  Buy milk  ", description: "2 litres" },
      });
      expect(res.statusCode).toBe(201);
      const task = TaskSchema.parse(res.json());
      expect(task).toMatchObject({
        user_id: a.userId,
        title: "Buy milk",
        description: "2 litres",
        completed: false,
      });
      expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(task.created_at).toMatch(ISO_MS);
      expect(task.updated_at).toBe(task.created_at);
      expect(res.headers.location).toBe(`/api/${a.userId}/tasks/${task.id}`);
      const again = await a.send("GET", String(res.headers.location));
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(task);
    });

    it("POST without a description stores null", async () => {
      await fresh();
      expect((await a.create("no description")).description).toBeNull();
    });

    it("GET lists the user's tasks newest first with next_cursor null", async () => {
      await fresh();
      const first = await a.create("first");
      const second = await a.create("second");
      const res = await a.send("GET", a.base);
      expect(res.statusCode).toBe(200);
      const list = TaskListSchema.parse(res.json());
      expect(list.items.map((task) => task.id)).toEqual([second.id, first.id]);
      expect(list.next_cursor).toBeNull();
    });

    it("PUT replaces title, description and completed", async () => {
      await fresh();
      const task = await a.create("old", { description: "old description" });
      const res = await a.send("PUT", `${a.base}/${task.id}`, {
        payload: { title: "new", description: null, completed: true },
      });
      expect(res.statusCode).toBe(200);
      const replaced = TaskSchema.parse(res.json());
      expect(replaced).toMatchObject({
        id: task.id,
        title: "new",
        description: null,
        completed: true,
      });
      expect(replaced.created_at).toBe(task.created_at);
      expect(replaced.updated_at >= task.updated_at).toBe(true);
    });

    it("PATCH changes only the fields given", async () => {
      await fresh();
      const task = await a.create("keep me", { description: "before" });
      const res = await a.send("PATCH", `${a.base}/${task.id}`, {
        payload: { description: "after" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        title: "keep me",
        description: "after",
        completed: false,
      });
    });

    it("PATCH …/complete without a body toggles, twice back to the start", async () => {
      await fresh();
      const task = await a.create();
      const url = `${a.base}/${task.id}/complete`;
      expect((await a.send("PATCH", url)).json()).toMatchObject({ completed: true });
      expect((await a.send("PATCH", url)).json()).toMatchObject({ completed: false });
    });

    it("PATCH …/complete with an empty JSON body toggles too", async () => {
      await fresh();
      const task = await a.create();
      const res = await a.send("PATCH", `${a.base}/${task.id}/complete`, {
        payload: "",
        headers: { "content-type": "application/json" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ completed: true });
    });

    it("PATCH …/complete with {completed} sets it, and setting twice gives the same result", async () => {
      await fresh();
      const task = await a.create();
      const url = `${a.base}/${task.id}/complete`;
      const once = await a.send("PATCH", url, { payload: { completed: true } });
      const twice = await a.send("PATCH", url, { payload: { completed: true } });
      expect(once.json()).toMatchObject({ completed: true });
      expect(twice.json()).toMatchObject({ completed: true });
      const unset = await a.send("PATCH", url, { payload: { completed: false } });
      expect(unset.json()).toMatchObject({ completed: false });
    });

    it("DELETE answers 204 with no body, then GET answers 404", async () => {
      await fresh();
      const task = await a.create();
      const res = await a.send("DELETE", `${a.base}/${task.id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe("");
      const gone = await a.get(task.id);
      expect(gone.statusCode).toBe(404);
      expect(gone.json()).toMatchObject({ code: "NOT_FOUND" });
      expect((await a.send("DELETE", `${a.base}/${task.id}`)).statusCode).toBe(404);
    });

    it("A5: answers with exactly the Task fields, nothing more", async () => {
      await fresh();
      const task = await a.create();
      const keys = [
        "completed",
        "created_at",
        "description",
        "id",
        "title",
        "updated_at",
        "user_id",
      ];
      expect(Object.keys((await a.get(task.id)).json()).sort()).toEqual(keys);
      const list = (await a.send("GET", a.base)).json();
      expect(Object.keys(list).sort()).toEqual(["items", "next_cursor"]);
      expect(Object.keys(list.items[0]).sort()).toEqual(keys);
    });

    it("C7: answers JSON with the security headers", async () => {
      await fresh();
      const res = await a.send("GET", a.base);
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-store");
    });
  });
});
