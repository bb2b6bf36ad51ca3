import type { ListTasksQuery, ReplaceTaskBody } from "@taskgate/contracts/task";
import type { CreateTaskBody, Task, TaskList, UpdateTaskBody } from "@taskgate/contracts/task-wire";
import type { RequestSpec } from "./client";

type Request = <T>(spec: RequestSpec<T>) => Promise<T>;
type Options = { signal?: AbortSignal };

// The response schemas, loaded with the first request (see RequestSpec.schema).
const taskSchema = async () => (await import("@taskgate/contracts/task-wire")).TaskSchema;
const taskListSchema = async () => (await import("@taskgate/contracts/task-wire")).TaskListSchema;

export type TasksApi = {
  list(query?: ListTasksQuery, options?: Options): Promise<TaskList>;
  get(taskId: string, options?: Options): Promise<Task>;
  create(body: CreateTaskBody, options?: Options & { idempotencyKey?: string }): Promise<Task>;
  replace(taskId: string, body: ReplaceTaskBody, options?: Options): Promise<Task>;
  update(taskId: string, body: UpdateTaskBody, options?: Options): Promise<Task>;
  setCompleted(taskId: string, completed: boolean, options?: Options): Promise<Task>;
  toggleCompleted(taskId: string, options?: Options): Promise<Task>;
  remove(taskId: string, options?: Options): Promise<void>;
};

/** Typed calls for one user's tasks, `/api/{userId}/tasks`. */
export function createTasksApi(request: Request, userId: string): TasksApi {
  const base = `/api/${encodeURIComponent(userId)}/tasks`;
  const one = (taskId: string) => `${base}/${encodeURIComponent(taskId)}`;

  return {
    list(query = {}, { signal } = {}) {
      const params = new URLSearchParams();
      if (query.status) params.set("status", query.status);
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      if (query.cursor) params.set("cursor", query.cursor);
      const search = params.size > 0 ? `?${params}` : "";
      return request({
        method: "get",
        path: `${base}${search}`,
        schema: taskListSchema,
        retry: "safe",
        signal,
      });
    },
    get: (taskId, { signal } = {}) =>
      request({ method: "get", path: one(taskId), schema: taskSchema, retry: "safe", signal }),
    create(body, { signal, idempotencyKey = crypto.randomUUID() } = {}) {
      // The key makes a create safe to retry: the api answers a repeat with the
      // first response and creates nothing.
      return request({
        method: "post",
        path: base,
        schema: taskSchema,
        json: body,
        headers: { "Idempotency-Key": idempotencyKey },
        retry: "safe",
        signal,
      });
    },
    replace: (taskId, body, { signal } = {}) =>
      request({
        method: "put",
        path: one(taskId),
        schema: taskSchema,
        json: body,
        retry: "safe",
        signal,
      }),
    update: (taskId, body, { signal } = {}) =>
      request({
        method: "patch",
        path: one(taskId),
        schema: taskSchema,
        json: body,
        retry: "never",
        signal,
      }),
    setCompleted: (taskId, completed, { signal } = {}) =>
      request({
        method: "patch",
        path: `${one(taskId)}/complete`,
        schema: taskSchema,
        json: { completed },
        retry: "safe",
        signal,
      }),
    toggleCompleted: (taskId, { signal } = {}) =>
      request({
        method: "patch",
        path: `${one(taskId)}/complete`,
        schema: taskSchema,
        retry: "never",
        signal,
      }),
    remove: (taskId, { signal } = {}) =>
      request({ method: "delete", path: one(taskId), schema: null, retry: "safe", signal }),
  };
}
