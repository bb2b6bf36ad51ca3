import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateTaskBody } from "@taskgate/contracts/task";
import { toast } from "@/lib/toast";
import { taskKeys } from "../task-query-keys";
import { useTasksScope } from "../tasks-scope";
import { notifyTaskError } from "./notify-task-error";

export type CreateTaskVariables = {
  body: CreateTaskBody;
  /** Made once per submit, so a paused-then-resumed create is still one task. */
  idempotencyKey: string;
};

export function useCreateTask() {
  const { userId, tasksApi } = useTasksScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateTaskVariables) =>
      tasksApi().create(body, { idempotencyKey }),
    onSuccess: (task) => {
      toast.success("Task created", { description: task.title });
    },
    onError: (error) => notifyTaskError("create the task", error),
    // Lists are sorted and paginated by the server: refetch rather than guess where it goes.
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all(userId) }),
  });
}
