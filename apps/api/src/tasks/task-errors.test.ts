import { ProblemSchema } from "@taskgate/contracts/problem";
import { beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";
import { countTasks, type TaskClient, taskClient } from "./testing/task-client.js";

const engines = await testEngines();

describe.each(engines)("on %s", (engine) => {
  const t = sharedTestApp({ engine });
  let a: TaskClient;
  let b: TaskClient;
  let taskId: string;

  beforeAll(async () => {
    a = await taskClient(t, "user-a");
    b = await taskClient(t, "user-b");
    taskId = (await a.create("A's task")).id;
  });

  const problem = (res: { json(): unknown }) => ProblemSchema.parse(res.json());

  // Every route of the contract, addressed under user A's path.
  const ROUTES = [
    ["GET", "/api/user-a/tasks", undefined],
    ["POST", "/api/user-a/tasks", { title: "x" }],
    ["GET", "/api/user-a/tasks/TASK", undefined],
    ["PUT", "/api/user-a/tasks/TASK", { title: "x", description: null, completed: true }],
    ["PATCH", "/api/user-a/tasks/TASK", { title: "x" }],
    ["PATCH", "/api/user-a/tasks/TASK/complete", undefined],
    ["DELETE", "/api/user-a/tasks/TASK", undefined],
  ] as const;

  const url = (template: string) => template.replace("TASK", taskId);

  describe("401 before anything else", () => {
    it.each(ROUTES)("J20: %s %s without a token answers 401", async (method, path, payload) => {
      const res = await t.app.inject({ method, url: url(path), ...(payload && { payload }) });
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
      expect(problem(res).code).toBe("UNAUTHENTICATED");
    });
  });

  describe("403 for another user's path, before body or database (A1)", () => {
    it.each(ROUTES)(
      "A1: %s %s as user B answers 403 with no query",
      async (method, path, payload) => {
        const before = t.queryCount();
        const rowsBefore = await countTasks(t);
        const res = await b.send(method, url(path), {
          payload,
          headers: { "x-request-id": "forbid-1" },
        });
        expect(res.statusCode).toBe(403);
        expect(problem(res)).toMatchObject({
          code: "FORBIDDEN",
          detail: "You don't have permission to access these tasks",
        });
        expect(t.queryCount()).toBe(before);
        expect(await countTasks(t)).toBe(rowsBefore);
        expect((await a.get(taskId)).json()).toMatchObject({ title: "A's task", completed: false });
      },
    );

    it("the query spy sees the statements of an allowed request (so 0 above means none ran)", async () => {
      const before = t.queryCount();
      expect((await a.send("GET", url("/api/user-a/tasks/TASK"))).statusCode).toBe(200);
      expect(t.queryCount()).toBeGreaterThan(before);
    });

    it("A1: refuses before the body is read: an oversized or broken body still gets 403", async () => {
      const big = await b.send("POST", "/api/user-a/tasks", {
        payload: { title: "x".repeat(70_000) },
      });
      expect(big.statusCode).toBe(403);
      const broken = await b.send("POST", "/api/user-a/tasks", {
        payload: '{"title":',
        headers: { "content-type": "application/json" },
      });
      expect(broken.statusCode).toBe(403);
    });

    it("L1: logs auth.forbidden with user_id, route and request_id", async () => {
      await b.send("GET", "/api/user-a/tasks", { headers: { "x-request-id": "forbid-log" } });
      const event = t
        .logs()
        .find((line) => line.event === "auth.forbidden" && line.request_id === "forbid-log");
      expect(event).toMatchObject({ user_id: "user-b", route: "/api/:userId/tasks" });
    });
  });

  describe("request shape (I1-I3, I8, I9)", () => {
    it.each([
      ["malformed JSON", '{"title":'],
      ["a JSON array", "[]"],
      ["JSON null", "null"],
      ["a bare string", '"title"'],
      ["an empty body", ""],
    ])("I2: POST with %s answers 400", async (_name, payload) => {
      const res = await a.send("POST", a.base, {
        payload,
        headers: { "content-type": "application/json" },
      });
      expect(res.statusCode).toBe(400);
      expect(problem(res).code).toBe("BAD_REQUEST");
      expect(res.body).not.toMatch(/at .*\.(js|ts)/);
    });

    it("I2: POST with no body at all answers 400", async () => {
      expect((await a.send("POST", a.base)).statusCode).toBe(400);
    });

    it.each([
      ["limit=0"],
      ["limit=101"],
      ["limit=-1"],
      ["limit=1e9"],
      ["limit=abc"],
      ["limit=2.5"],
      ["status=done"],
      ["limit=10&limit=100000"],
      ["unknown=1"],
    ])("I9: GET ?%s answers 400 with errors[]", async (query) => {
      const res = await a.send("GET", `${a.base}?${query}`);
      expect(res.statusCode).toBe(400);
      const body = problem(res);
      expect(body.code).toBe("BAD_REQUEST");
      expect(body.errors?.length).toBeGreaterThan(0);
    });

    it.each(["not-base64!", "e30", "WyJ4IiwieSJd", "x".repeat(513)])(
      "GET with cursor %s answers 400",
      async (cursor) => {
        const res = await a.send("GET", `${a.base}?cursor=${cursor}`);
        expect(res.statusCode).toBe(400);
        expect(problem(res).code).toBe("BAD_REQUEST");
      },
    );

    it("I1: a body over 64 KiB answers 413", async () => {
      const res = await a.send("POST", a.base, {
        payload: { title: "x", description: "y".repeat(66_000) },
      });
      expect(res.statusCode).toBe(413);
      expect(problem(res).code).toBe("PAYLOAD_TOO_LARGE");
    });

    it.each(["text/plain", "application/x-www-form-urlencoded"])(
      "I3: a %s body answers 415 on POST, PUT, PATCH and complete",
      async (type) => {
        const headers = { "content-type": type };
        for (const [method, path] of [
          ["POST", a.base],
          ["PUT", `${a.base}/${taskId}`],
          ["PATCH", `${a.base}/${taskId}`],
          ["PATCH", `${a.base}/${taskId}/complete`],
        ] as const) {
          const res = await a.send(method, path, { payload: "title=x", headers });
          expect(res.statusCode, `${method} ${path}`).toBe(415);
          expect(problem(res).code).toBe("UNSUPPORTED_MEDIA_TYPE");
        }
      },
    );

    it("a text/plain body on DELETE or GET never answers 500", async () => {
      const headers = { "content-type": "text/plain" };
      const del = await a.send("DELETE", `${a.base}/missing`, { payload: "x", headers });
      expect(del.statusCode).toBeLessThan(500);
      const get = await a.send("GET", `${a.base}/${taskId}`, { payload: "x", headers });
      expect(get.statusCode).toBeLessThan(500);
    });

    it.each([
      ["title missing", { description: "d" }, "title"],
      ["title blank", { title: "   " }, "title"],
      ["title of 201 characters", { title: "x".repeat(201) }, "title"],
      ["title a number (I8)", { title: 123 }, "title"],
      [
        "description of 2001 characters",
        { title: "x", description: "d".repeat(2001) },
        "description",
      ],
      ["A4 an unknown user_id field", { title: "x", user_id: "user-b" }, "user_id"],
      ["A4 an unknown id field", { title: "x", id: "forged" }, "id"],
    ])("I8: POST with %s answers 422 naming the field", async (_name, payload, path) => {
      const before = await countTasks(t);
      const res = await a.send("POST", a.base, { payload });
      expect(res.statusCode).toBe(422);
      const body = problem(res);
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.errors?.map((error) => error.path)).toContain(path);
      expect(await countTasks(t)).toBe(before);
    });

    it('I8: PATCH with completed "yes" answers 422 on completed', async () => {
      const res = await a.send("PATCH", `${a.base}/${taskId}`, { payload: { completed: "yes" } });
      expect(res.statusCode).toBe(422);
      expect(problem(res).errors).toEqual([{ path: "completed", message: expect.any(String) }]);
    });

    it('I8: PATCH …/complete with completed "yes" answers 422', async () => {
      const res = await a.send("PATCH", `${a.base}/${taskId}/complete`, {
        payload: { completed: "yes" },
      });
      expect(res.statusCode).toBe(422);
    });

    it("I2: PATCH …/complete with a JSON null or array body answers 400, not a toggle", async () => {
      for (const payload of ["null", "[]"]) {
        const res = await a.send("PATCH", `${a.base}/${taskId}/complete`, {
          payload,
          headers: { "content-type": "application/json" },
        });
        expect(res.statusCode).toBe(400);
      }
      expect((await a.get(taskId)).json()).toMatchObject({ completed: false });
    });

    it("PATCH with an empty object answers 422 (nothing to change)", async () => {
      const res = await a.send("PATCH", `${a.base}/${taskId}`, { payload: {} });
      expect(res.statusCode).toBe(422);
    });

    it("PUT missing completed answers 422", async () => {
      const res = await a.send("PUT", `${a.base}/${taskId}`, {
        payload: { title: "x", description: null },
      });
      expect(res.statusCode).toBe(422);
      expect(problem(res).errors?.map((error) => error.path)).toEqual(["completed"]);
    });

    it("checks shape before lookup: a bad body on an unknown id is 422, not 404", async () => {
      const res = await a.send("PATCH", `${a.base}/missing`, { payload: { completed: "yes" } });
      expect(res.statusCode).toBe(422);
    });
  });

  describe("404 for unknown and odd ids (A7)", () => {
    it.each([
      ["an unknown uuid", "00000000-0000-4000-8000-000000000000"],
      ["an SQL string", "' OR 1=1--"],
      ["-1", "-1"],
      ["a huge number", "99999999999999999999"],
      ["1e3", "1e3"],
    ])("A7: %s answers 404 on every method, never 500", async (_name, id) => {
      const one = `${a.base}/${encodeURIComponent(id)}`;
      for (const [method, path, payload] of [
        ["GET", one, undefined],
        ["PUT", one, { title: "x", description: null, completed: false }],
        ["PATCH", one, { title: "x" }],
        ["PATCH", `${one}/complete`, undefined],
        ["DELETE", one, undefined],
      ] as const) {
        const res = await a.send(method, path, { payload });
        expect(res.statusCode, `${method} ${path}`).toBe(404);
        expect(problem(res).code).toBe("NOT_FOUND");
      }
    });

    it("A7: a 10 KB id answers 404, never 500", async () => {
      const res = await a.get("x".repeat(10_240));
      expect(res.statusCode).toBe(404);
      expect(problem(res).code).toBe("NOT_FOUND");
    });
  });
});
