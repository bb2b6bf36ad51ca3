import { type TaskList, TaskListSchema } from "@taskgate/contracts/task";
import { CompiledQuery, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";
import { type ListOptions, listQuery } from "./tasks-repository.js";
import { type TaskClient, taskClient } from "./testing/task-client.js";

const engines = await testEngines();

describe.each(engines)("on %s", (engine) => {
  const t = sharedTestApp({ engine });

  async function seed(client: TaskClient, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push((await client.create(`task ${i}`)).id);
    return ids;
  }

  /** Follows next_cursor to the end; `between` runs after each page. */
  async function allPages(client: TaskClient, query: string, between?: () => Promise<void>) {
    const pages: TaskList[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : "";
      const res = await client.send("GET", `${client.base}?${query}${suffix}`);
      expect(res.statusCode).toBe(200);
      const page = TaskListSchema.parse(res.json());
      pages.push(page);
      cursor = page.next_cursor;
      if (between) await between();
    } while (cursor !== null && pages.length < 50);
    return pages;
  }

  const ids = (pages: TaskList[]) => pages.flatMap((page) => page.items.map((task) => task.id));

  describe("cursor pagination", () => {
    it("pages 45 tasks by 20 as 20/20/5, newest first, each once, next_cursor null at the end", async () => {
      const a = await taskClient(t);
      const created = await seed(a, 45);
      const pages = await allPages(a, "limit=20");
      expect(pages.map((page) => page.items.length)).toEqual([20, 20, 5]);
      expect(pages.at(-1)?.next_cursor).toBeNull();
      const seen = ids(pages);
      expect(new Set(seen).size).toBe(45);
      expect(new Set(seen)).toEqual(new Set(created));
      const keys = pages.flatMap((page) =>
        page.items.map((task) => `${task.created_at}|${task.id}`),
      );
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it("a full last page ends with next_cursor null, not an empty extra page", async () => {
      const a = await taskClient(t);
      await seed(a, 4);
      const pages = await allPages(a, "limit=2");
      expect(pages.map((page) => page.items.length)).toEqual([2, 2]);
    });

    it("has no gap or duplicate among the first tasks while new ones are added between pages", async () => {
      const a = await taskClient(t);
      const original = await seed(a, 25);
      let added = 0;
      const pages = await allPages(a, "limit=7", async () => {
        added += 1;
        await a.create(`added while paging ${added}`);
      });
      const seen = ids(pages);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
    });

    it("filters by status across pages", async () => {
      const a = await taskClient(t);
      const created = await seed(a, 30);
      const done = created.filter((_id, index) => index % 3 === 0);
      for (const id of done) await a.send("PATCH", `${a.base}/${id}/complete`);
      const completed = await allPages(a, "status=completed&limit=4");
      expect(completed.map((page) => page.items.length)).toEqual([4, 4, 2]);
      expect(new Set(ids(completed))).toEqual(new Set(done));
      const active = await allPages(a, "status=active&limit=7");
      expect(active.map((page) => page.items.length)).toEqual([7, 7, 6]);
      expect(ids(active).some((id) => done.includes(id))).toBe(false);
    });

    it("defaults to 20 items", async () => {
      const a = await taskClient(t);
      await seed(a, 21);
      const page = TaskListSchema.parse((await a.send("GET", a.base)).json());
      expect(page.items).toHaveLength(20);
      expect(page.next_cursor).not.toBeNull();
    });
  });

  describe("list queries use an index", () => {
    const after = { createdAt: "2026-01-01T00:00:00.000Z", id: "x" };
    const cases: [string, ListOptions][] = [
      ["all, first page", { status: "all", limit: 20 }],
      ["all, after a cursor", { status: "all", limit: 20, after }],
      ["active, after a cursor", { status: "active", limit: 20, after }],
      ["completed, first page", { status: "completed", limit: 20 }],
    ];

    // Each engine's plan has its own format, so each test runs on its engine
    // and is skipped on the other (both run in every full run).
    it.runIf(engine === "sqlite").each(cases)(
      "EXPLAIN QUERY PLAN for %s searches an index, never scans tasks or uses OFFSET",
      async (_name, options) => {
        const compiled = listQuery(t.db, "user-x", options).compile();
        expect(compiled.sql.toLowerCase()).not.toContain("offset");
        const plan = await t.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        const details = plan.rows.map((row) => row.detail).join("\n");
        expect(details).toMatch(/SEARCH tasks USING (COVERING )?INDEX tasks_user_/);
        expect(details).not.toMatch(/SCAN tasks/);
        expect(details).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      },
    );

    // PostgreSQL's planner prefers a scan and a sort for a table this small, so
    // the test discourages both: if no index could serve the WHERE (row
    // comparison included) and the ORDER BY, the plan would still show them.
    it.runIf(engine === "postgres").each(cases)(
      "EXPLAIN for %s reads an index in order: no sequential scan, no sort, no OFFSET",
      async (_name, options) => {
        const compiled = listQuery(t.db, "user-x", options).compile();
        expect(compiled.sql.toLowerCase()).not.toContain("offset");
        const lines = await t.db.transaction().execute(async (trx) => {
          for (const setting of ["enable_seqscan", "enable_bitmapscan", "enable_sort"]) {
            await sql`select set_config(${setting}, 'off', true)`.execute(trx);
          }
          const plan = await trx.executeQuery<{ "QUERY PLAN": string }>(
            CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
          );
          return plan.rows.map((row) => row["QUERY PLAN"]).join("\n");
        });
        expect(lines).toMatch(/Index (Only )?Scan (Backward )?using tasks_user_\w+ on tasks/);
        if (options.after) expect(lines).toMatch(/Index Cond: .*ROW\(created_at, id\) < ROW/);
        expect(lines).not.toMatch(/Seq Scan|Sort/);
      },
    );
  });
});
