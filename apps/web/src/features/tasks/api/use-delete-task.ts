import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/lib/toast";
import { removeTaskFromPages, type TaskPages } from "../task-cache";
import { taskKeys } from "../task-query-keys";
import { useTasksScope } from "../tasks-scope";
import { notifyTaskError } from "./notify-task-error";

export type DeleteTaskVariables = { taskId: string; title: string };

export function useDeleteTask() {
  const { userId, tasksApi } = useTasksScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId }: DeleteTaskVariables) => tasksApi().remove(taskId),
    onSuccess: (_nothing, { taskId, title }) => {
      queryClient.setQueriesData<TaskPages>({ queryKey: taskKeys.all(userId) }, (data) =>
        removeTaskFromPages(data, taskId),
      );
      toast.success("Task deleted", { description: title });
    },
    onError: (error) => notifyTaskError("delete the task", error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all(userId) }),
  });
}
