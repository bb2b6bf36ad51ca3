import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UpdateTaskBody } from "@taskgate/contracts/task";
import { toast } from "@/lib/toast";
import { patchTaskInPages, type TaskPages } from "../task-cache";
import { taskKeys } from "../task-query-keys";
import { useTasksScope } from "../tasks-scope";
import { notifyTaskError } from "./notify-task-error";

export type UpdateTaskVariables = { taskId: string; body: UpdateTaskBody };

export function useUpdateTask() {
  const { userId, tasksApi } = useTasksScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, body }: UpdateTaskVariables) => tasksApi().update(taskId, body),
    onSuccess: (task) => {
      // Show the saved text at once; the refetch below confirms the order.
      queryClient.setQueriesData<TaskPages>({ queryKey: taskKeys.all(userId) }, (data) =>
        patchTaskInPages(data, task.id, task),
      );
      toast.success("Task updated", { description: task.title });
    },
    onError: (error) => notifyTaskError("save the task", error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all(userId) }),
  });
}
