import type { TaskStatus } from "@taskgate/contracts/task";

export const TASKS_PAGE_SIZE = 20;

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
