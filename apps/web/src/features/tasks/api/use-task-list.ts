import { useInfiniteQuery } from "@tanstack/react-query";
import type { TaskStatus } from "@taskgate/contracts/task";
import { TASKS_PAGE_SIZE } from "../task-filter";
import { taskKeys } from "../task-query-keys";
import { useTasksScope } from "../tasks-scope";

/** The user's tasks under one filter, a page at a time (cursor pagination). */
export function useTaskList(status: TaskStatus) {
  const { userId, tasksApi } = useTasksScope();
  return useInfiniteQuery({
    queryKey: taskKeys.list(userId, status),
    queryFn: ({ pageParam, signal }) =>
      tasksApi().list(
        { status, limit: TASKS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor,
  });
}
