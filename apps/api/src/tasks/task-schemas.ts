import { ProblemSchema } from "@taskgate/contracts/problem";
import {
  CreateTaskBodySchema,
  ListTasksQuerySchema,
  ReplaceTaskBodySchema,
  SetCompletedBodySchema,
  TaskListSchema,
  TaskSchema,
  UpdateTaskBodySchema,
} from "@taskgate/contracts/task";
import { z } from "zod";
import { TOKEN_SECURITY } from "../openapi/openapi.js";
import { IDEMPOTENCY_KEY_PATTERN } from "./idempotency.js";

// Route schemas: the contracts' wire schemas plus what only the route knows
// (path params, headers, status codes). They drive validation, response
// serialization and the OpenAPI document alike.

const UserParams = z.object({ userId: z.string().min(1) });
const TaskParams = UserParams.extend({ taskId: z.string().min(1) });

// Loose: the validated headers replace request.headers, so the others must stay.
const CreateHeaders = z.looseObject({
  "idempotency-key": z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, "1 to 200 of A-Z a-z 0-9 _ . : -")
    .optional()
    .describe("Makes a retry return the first response and create nothing (kept 24 hours)"),
});

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));

// Every task route can answer these: token, path ownership, malformed request.
const common = { tags: ["tasks"], security: TOKEN_SECURITY };
const base = [400, 401, 403, 429, 503];

// A conditional GET whose If-None-Match still matches: no body.
const notModified = {
  304: z.undefined().describe("Not modified: the ETag in If-None-Match is current"),
};
const ConditionalHeaders = z.looseObject({
  "if-none-match": z
    .string()
    .optional()
    .describe("An ETag from an earlier answer: 304 with no body while the tasks are unchanged"),
});
const withBody = [...base, 413, 415, 422];

export const listTasksSchema = {
  ...common,
  summary: "List the user's tasks, newest first",
  params: UserParams,
  headers: ConditionalHeaders,
  querystring: ListTasksQuerySchema,
  response: { 200: TaskListSchema, ...notModified, ...problems(...base) },
};

export const createTaskSchema = {
  ...common,
  summary: "Create a task",
  params: UserParams,
  headers: CreateHeaders,
  body: CreateTaskBodySchema,
  response: { 201: TaskSchema, ...problems(...withBody) },
};

export const getTaskSchema = {
  ...common,
  summary: "Get one task",
  params: TaskParams,
  headers: ConditionalHeaders,
  response: { 200: TaskSchema, ...notModified, ...problems(...base, 404) },
};

export const replaceTaskSchema = {
  ...common,
  summary: "Replace a task's title, description and completed",
  params: TaskParams,
  body: ReplaceTaskBodySchema,
  response: { 200: TaskSchema, ...problems(...withBody, 404) },
};

export const updateTaskSchema = {
  ...common,
  summary: "Change some of a task's fields",
  params: TaskParams,
  body: UpdateTaskBodySchema,
  response: { 200: TaskSchema, ...problems(...withBody, 404) },
};

export const completeTaskSchema = {
  ...common,
  summary: "Toggle completed (no body) or set it ({completed})",
  params: TaskParams,
  // Fastify hands a missing body to the validator as null: null means toggle.
  body: SetCompletedBodySchema.nullable(),
  response: { 200: TaskSchema, ...problems(...withBody, 404) },
};

export const deleteTaskSchema = {
  ...common,
  summary: "Delete a task",
  params: TaskParams,
  response: { 204: z.undefined().describe("Deleted"), ...problems(...base, 404) },
};
