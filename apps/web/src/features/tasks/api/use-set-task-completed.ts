import { useMutation, useQueryClient } from "@tanstack/react-query";
import { patchTaskInPages, type TaskPages } from "../task-cache";
import { taskKeys } from "../task-query-keys";
import { useTasksScope } from "../tasks-scope";
import { notifyTaskError } from "./notify-task-error";

export type SetCompletedVariables = { taskId: string; completed: boolean };

/**
 * Ticks a task at once and rolls back if the api refuses. Sends the wanted
 * state rather than "toggle": repeating it cannot flip the task back.
 */
export function useSetTaskCompleted() {
  const { userId, tasksApi } = useTasksScope();
  const queryClient = useQueryClient();
  const key = taskKeys.all(userId);
  return useMutation({
    mutationFn: ({ taskId, completed }: SetCompletedVariables) =>
      tasksApi().setCompleted(taskId, completed),
    onMutate: async ({ taskId, completed }) => {
      // A list refetch landing now would overwrite the optimistic tick.
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueriesData<TaskPages>({ queryKey: key });
      queryClient.setQueriesData<TaskPages>({ queryKey: key }, (data) =>
        patchTaskInPages(data, taskId, { completed }),
      );
      return { snapshot };
    },
    onError: (error, _variables, context) => {
      for (const [queryKey, data] of context?.snapshot ?? []) {
        queryClient.setQueryData(queryKey, data);
      }
      notifyTaskError("update the task", error);
    },
    // The filtered lists (active/completed) change membership: ask the server.
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
