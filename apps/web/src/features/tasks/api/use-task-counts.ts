import { useInfiniteQuery } from "@tanstack/react-query";
import { flattenPages } from "../task-cache";
import { countTasks, TASK_COUNT_LIMIT, type TaskCounts } from "../task-filter";
import { taskKeys } from "../task-query-keys";
import { useTasksScope } from "../tasks-scope";

/**
 * How many tasks each filter holds. The api has no count endpoint: one extra
 * request for the first 100 tasks of any status gives all three counts
 * (decision 049). An infinite query of one page, so the writes' optimistic
 * updates (which expect list pages under the user's key) apply to it as well.
 */
export function useTaskCounts(): TaskCounts | undefined {
  const { userId, tasksApi } = useTasksScope();
  const query = useInfiniteQuery({
    queryKey: taskKeys.counts(userId),
    queryFn: ({ signal }) =>
      tasksApi().list({ status: "all", limit: TASK_COUNT_LIMIT }, { signal }),
    initialPageParam: null as string | null,
    // Only ever the first page: the counts stop at 100.
    getNextPageParam: () => null,
  });
  if (!query.data) return undefined;
  const hasMore = query.data.pages[0]?.next_cursor != null;
  return countTasks(flattenPages(query.data), hasMore);
}
