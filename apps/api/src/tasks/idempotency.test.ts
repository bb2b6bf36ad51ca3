import { TaskSchema } from "@taskgate/contracts/task";
import { describe, expect, it } from "vitest";
import { adminQuery, testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";
import type { TestApp } from "../testing/test-app.js";
import { canonicalJson, IDEMPOTENCY_TTL_MS, requestHash, runIdempotent } from "./idempotency.js";
import { tasksRepository } from "./tasks-repository.js";
import { countTasks, type TaskClient, taskClient } from "./testing/task-client.js";

/** Sessions of the test's PostgreSQL database blocked on a lock right now. */
async function waitingOnLocks(t: TestApp): Promise<number> {
  const result = await adminQuery(
    "select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
    [t.databaseName],
  );
  return Number(result.rows[0]?.n);
}

const engines = await testEngines();

describe.each(engines)("on %s", (engine) => {
  const t = sharedTestApp({ engine });

  const post = (client: TaskClient, key: string, payload: unknown) =>
    client.send("POST", client.base, { payload, headers: { "idempotency-key": key } });

  describe("Idempotency-Key on POST", () => {
    it("a repeat with the same key and body returns the first response and creates nothing", async () => {
      const a = await taskClient(t);
      const first = await post(a, "key-1", { title: "once", description: "d" });
      const second = await post(a, "key-1", { description: "d", title: "once" });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.body).toBe(first.body);
      expect(second.headers.location).toBe(first.headers.location);
      expect(await countTasks(t, a.userId)).toBe(1);
    });

    it("the same key with a different body answers 422 IDEMPOTENCY_KEY_REUSED", async () => {
      const a = await taskClient(t);
      await post(a, "key-2", { title: "first" });
      const res = await post(a, "key-2", { title: "second" });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
      expect(await countTasks(t, a.userId)).toBe(1);
    });

    it("keys are per user: B reusing A's key creates B's own task", async () => {
      const a = await taskClient(t);
      const b = await taskClient(t);
      const fromA = TaskSchema.parse((await post(a, "shared-key", { title: "same" })).json());
      const fromB = TaskSchema.parse((await post(b, "shared-key", { title: "same" })).json());
      expect(fromB.id).not.toBe(fromA.id);
      expect(fromB.user_id).toBe(b.userId);
      expect(await countTasks(t, a.userId)).toBe(1);
      expect(await countTasks(t, b.userId)).toBe(1);
    });

    it("a key older than 24 hours is forgotten: the repeat creates a new task", async () => {
      const a = await taskClient(t);
      const first = TaskSchema.parse((await post(a, "old-key", { title: "x" })).json());
      const expired = new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1000).toISOString();
      await t.db
        .updateTable("idempotency_keys")
        .set({ created_at: expired })
        .where("user_id", "=", a.userId)
        .execute();
      const again = await post(a, "old-key", { title: "different body is fine now" });
      expect(again.statusCode).toBe(201);
      expect(TaskSchema.parse(again.json()).id).not.toBe(first.id);
      expect(await countTasks(t, a.userId)).toBe(2);
      const rows = await t.db
        .selectFrom("idempotency_keys")
        .selectAll()
        .where("user_id", "=", a.userId)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it("five concurrent requests with one key create exactly one task, all answered alike", async () => {
      const a = await taskClient(t);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => post(a, "race-key", { title: "raced" })),
      );
      expect(results.map((res) => res.statusCode)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(results.map((res) => res.body)).size).toBe(1);
      expect(await countTasks(t, a.userId)).toBe(1);
    });

    it("without a key, two identical POSTs create two tasks", async () => {
      const a = await taskClient(t);
      await a.create("twice");
      await a.create("twice");
      expect(await countTasks(t, a.userId)).toBe(2);
    });

    it.each([
      ["empty", ""],
      ["with a space", "two words"],
      ["with a slash", "a/b"],
      ["201 characters", "k".repeat(201)],
    ])("a key %s answers 400 and creates nothing", async (_name, key) => {
      const a = await taskClient(t);
      const res = await post(a, key, { title: "x" });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "BAD_REQUEST" });
      expect(await countTasks(t, a.userId)).toBe(0);
    });

    it("a failed create (422) records no key, so a corrected retry with it succeeds", async () => {
      const a = await taskClient(t);
      expect((await post(a, "fix-key", { title: "" })).statusCode).toBe(422);
      expect((await post(a, "fix-key", { title: "fixed" })).statusCode).toBe(201);
    });
  });

  describe("runIdempotent", () => {
    // On PostgreSQL two transactions really run at once: the second must wait
    // on the first's claim of the key, hit the unique violation when it
    // commits, and replay its answer.
    it.runIf(engine === "postgres")(
      "a duplicate arriving while the first is still producing waits, then replays it",
      async () => {
        const userId = "user-overlap";
        const body = { title: "overlap" };
        const scope = { userId, key: "overlap-key", requestHash: requestHash(body) };
        let produced = 0;
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const run = () =>
          runIdempotent(t.db, scope, TaskSchema, async (trx) => {
            produced += 1;
            const task = await tasksRepository(trx).create(userId, body);
            await gate;
            return { status: 201, body: task };
          });
        const first = run();
        await expect.poll(() => produced).toBe(1);
        const second = run();
        await expect.poll(() => waitingOnLocks(t), { timeout: 5000 }).toBe(1);
        release();
        const [a, b] = await Promise.all([first, second]);
        expect(b).toEqual(a);
        expect(produced).toBe(1);
        expect(await countTasks(t, userId)).toBe(1);
      },
    );

    it("five calls started together with one key run produce once and answer alike", async () => {
      const userId = "user-direct";
      const body = { title: "direct" };
      const scope = { userId, key: "direct-key", requestHash: requestHash(body) };
      let produced = 0;
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          runIdempotent(t.db, scope, TaskSchema, async (trx) => {
            produced += 1;
            return { status: 201, body: await tasksRepository(trx).create(userId, body) };
          }),
        ),
      );
      expect(produced).toBe(1);
      expect(new Set(results.map((result) => result.body.id)).size).toBe(1);
      expect(await countTasks(t, userId)).toBe(1);
    });

    it("leaves neither task nor key behind when the transaction fails after creating", async () => {
      const userId = "user-crash";
      const scope = { userId, key: "crash-key", requestHash: requestHash({ title: "x" }) };
      const failing = runIdempotent(t.db, scope, TaskSchema, async (trx) => {
        await tasksRepository(trx).create(userId, { title: "x" });
        throw new Error("crash after the insert");
      });
      await expect(failing).rejects.toThrow("crash after the insert");
      expect(await countTasks(t, userId)).toBe(0);
      const keys = await t.db
        .selectFrom("idempotency_keys")
        .selectAll()
        .where("user_id", "=", userId)
        .execute();
      expect(keys).toHaveLength(0);
    });
  });

  describe("canonicalJson", () => {
    it("sorts keys at every level and drops undefined", () => {
      expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
        '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
      );
    });
  });
});
