import { randomUUID } from "node:crypto";
import { type Task, TaskSchema } from "@taskgate/contracts/task";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { TestApp } from "../../testing/test-app.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface SendOptions {
  /** An object or array is sent as JSON; a string is sent as is. */
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface TaskClient {
  userId: string;
  /** `/api/{userId}/tasks` of this user. */
  base: string;
  send(method: Method, url: string, options?: SendOptions): Promise<LightMyRequestResponse>;
  create(title?: string, extra?: Record<string, unknown>): Promise<Task>;
  get(taskId: string): Promise<LightMyRequestResponse>;
}

/** Requests as one user (a fresh random id unless given), through app.inject(). */
export async function taskClient(t: TestApp, userId = `user-${randomUUID()}`): Promise<TaskClient> {
  const authorization = `Bearer ${await t.token({ sub: userId })}`;
  const base = `/api/${userId}/tasks`;

  const send: TaskClient["send"] = (method, url, options = {}) => {
    const request: InjectOptions = { method, url, headers: { authorization, ...options.headers } };
    if (typeof options.payload === "string") request.payload = options.payload;
    else if (options.payload !== undefined) {
      request.payload = JSON.stringify(options.payload);
      request.headers = { "content-type": "application/json", ...request.headers };
    }
    return t.app.inject(request);
  };

  return {
    userId,
    base,
    send,
    async create(title = "a task", extra = {}) {
      const res = await send("POST", base, { payload: { title, ...extra } });
      if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
      return TaskSchema.parse(res.json());
    },
    get: (taskId) => send("GET", `${base}/${encodeURIComponent(taskId)}`),
  };
}

/** Rows in `tasks`, straight from the database (not through the api). */
export async function countTasks(t: TestApp, userId?: string): Promise<number> {
  let query = t.db.selectFrom("tasks").select((eb) => eb.fn.countAll<number>().as("n"));
  if (userId !== undefined) query = query.where("user_id", "=", userId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
