import type { InfiniteData } from "@tanstack/react-query";
import type { Task, TaskList } from "@taskgate/contracts/task";

export type TaskPages = InfiniteData<TaskList, string | null>;

function mapItems(data: TaskPages, map: (items: Task[]) => Task[]): TaskPages {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: map(page.items) })) };
}

/** `data` with the task of `taskId` changed by `patch`; other tasks are left as they are. */
export function patchTaskInPages(
  data: TaskPages | undefined,
  taskId: string,
  patch: Partial<Task>,
): TaskPages | undefined {
  if (!data) return data;
  return mapItems(data, (items) =>
    items.map((task) => (task.id === taskId ? { ...task, ...patch } : task)),
  );
}

/** `data` without the task of `taskId`. */
export function removeTaskFromPages(
  data: TaskPages | undefined,
  taskId: string,
): TaskPages | undefined {
  if (!data) return data;
  return mapItems(data, (items) => items.filter((task) => task.id !== taskId));
}

/** Every task of every loaded page, in order. */
export function flattenPages(data: Pick<TaskPages, "pages"> | undefined): Task[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}
