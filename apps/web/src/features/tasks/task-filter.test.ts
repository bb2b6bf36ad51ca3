import { describe, expect, it } from "vitest";
import { countTasks, emptyListText, parseTaskStatus, STATUS_FILTERS } from "./task-filter";
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

describe("filter in the URL and counts", () => {
  it("reads only the known statuses from ?status=, anything else is All", () => {
    expect(parseTaskStatus("active")).toBe("active");
    expect(parseTaskStatus("completed")).toBe("completed");
    expect(parseTaskStatus("ALL")).toBe("all");
    expect(parseTaskStatus(["active"])).toBe("all");
    expect(parseTaskStatus(undefined)).toBe("all");
  });

  it("counts each filter exactly while every task fits in one page", () => {
    const tasks = [{ completed: true }, { completed: false }, { completed: false }];
    expect(countTasks(tasks, false)).toEqual({ all: "3", active: "2", completed: "1" });
  });

  it("says 100+ on All and no count on the others when there are more", () => {
    expect(countTasks([{ completed: false }], true)).toEqual({
      all: "100+",
      active: "",
      completed: "",
    });
  });
});
