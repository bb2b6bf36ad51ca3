import type { Task } from "@taskgate/contracts/task";
import { describe, expect, it } from "vitest";
import { flattenPages, patchTaskInPages, removeTaskFromPages, type TaskPages } from "./task-cache";

const task = (id: string, completed = false): Task => ({
  id,
  user_id: "u",
  title: `Task ${id}`,
  description: null,
  completed,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

const pages: TaskPages = {
  pages: [
    { items: [task("a"), task("b")], next_cursor: "c1" },
    { items: [task("c")], next_cursor: null },
  ],
  pageParams: [null, "c1"],
};

describe("task cache helpers", () => {
  it("patches one task on whichever page holds it, without mutating the input", () => {
    const next = patchTaskInPages(pages, "c", { completed: true });
    expect(flattenPages(next).map((t) => [t.id, t.completed])).toEqual([
      ["a", false],
      ["b", false],
      ["c", true],
    ]);
    expect(pages.pages[1]?.items[0]?.completed).toBe(false);
    expect(next?.pageParams).toEqual([null, "c1"]);
  });

  it("removes one task and keeps the cursors", () => {
    const next = removeTaskFromPages(pages, "a");
    expect(flattenPages(next).map((t) => t.id)).toEqual(["b", "c"]);
    expect(next?.pages[0]?.next_cursor).toBe("c1");
  });

  it("leaves a list that is not loaded yet alone", () => {
    expect(patchTaskInPages(undefined, "a", { completed: true })).toBeUndefined();
    expect(removeTaskFromPages(undefined, "a")).toBeUndefined();
    expect(flattenPages(undefined)).toEqual([]);
  });
});
