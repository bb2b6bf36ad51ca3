import type { TaskStatus } from "@taskgate/contracts/task";

export const TASKS_PAGE_SIZE = 20;

/** The api's largest page: the filters count up to this many tasks (decision 049). */
export const TASK_COUNT_LIMIT = 100;

/** The filter named in the URL (`?status=`); anything else shows all tasks. */
export function parseTaskStatus(value: unknown): TaskStatus {
  return value === "active" || value === "completed" ? value : "all";
}

export type TaskCounts = Record<TaskStatus, string>;

/**
 * Counts per filter from the first page of up to 100 tasks: exact while the
 * user has no more than that; beyond it "100+" on All, none on the others.
 */
export function countTasks(
  tasks: ReadonlyArray<{ completed: boolean }>,
  hasMore: boolean,
): TaskCounts {
  if (hasMore) return { all: `${TASK_COUNT_LIMIT}+`, active: "", completed: "" };
  const completed = tasks.filter((task) => task.completed).length;
  return {
    all: String(tasks.length),
    active: String(tasks.length - completed),
    completed: String(completed),
  };
}

export const STATUS_FILTERS: ReadonlyArray<{ value: TaskStatus; label: string }> = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "completed", label: "Completed" },
];

/** What the list says when it has nothing to show. */
export function emptyListText(status: TaskStatus): { title: string; hint: string } {
  if (status === "active") {
    return { title: "No active tasks", hint: "Everything is done. Add a task to get going again." };
  }
  if (status === "completed") {
    return { title: "No completed tasks", hint: "Tick a task's checkbox when it is done." };
  }
  return { title: "No tasks yet", hint: "Add your first task with the form above." };
}
