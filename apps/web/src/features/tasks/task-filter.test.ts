import { describe, expect, it } from "vitest";
import { emptyListText, STATUS_FILTERS } from "./task-filter";
import { taskKeys } from "./task-query-keys";

describe("status filter", () => {
  it("offers All, Active and Completed, in that order", () => {
    expect(STATUS_FILTERS.map((f) => f.label)).toEqual(["All", "Active", "Completed"]);
  });

  it("says 'No tasks yet' with a hint when the unfiltered list is empty", () => {
    expect(emptyListText("all")).toEqual({
      title: "No tasks yet",
      hint: expect.stringMatching(/add/i),
    });
    expect(emptyListText("completed").title).toBe("No completed tasks");
  });
});

describe("task query keys", () => {
  it("scope every list under the user, so a write can invalidate them all", () => {
    const all = taskKeys.all("u1");
    const list = taskKeys.list("u1", "active");
    expect(list.slice(0, all.length)).toEqual([...all]);
    expect(taskKeys.list("u2", "active")).not.toEqual(list);
  });
});
