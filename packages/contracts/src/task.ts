import { z } from "zod";
import * as wire from "./task-wire";
import {
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  TaskDescriptionSchema,
  TaskTitleSchema,
} from "./task-wire";

// The whole task contract, for the api. What a browser sends and receives is
// defined once, in zod/mini, in ./task-wire; the api gets full zod objects
// made of the same fields (its helpers take full zod types), plus the
// schemas only it uses.
export {
  type CreateTaskBody,
  CreateTaskBodySchema,
  DESCRIPTION_MAX,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  type Task,
  type TaskList,
  TITLE_MAX,
  type UpdateTaskBody,
  UpdateTaskBodySchema,
} from "./task-wire";

/** A task as the api returns it: ./task-wire's fields in a full zod object. */
export const TaskSchema = z.object(wire.TaskSchema.shape);

// `items` is this module's TaskSchema, so the OpenAPI document refers to the
// registered Task component instead of repeating it.
export const TaskListSchema = z.object({
  ...wire.TaskListSchema.shape,
  items: z.array(TaskSchema),
});

export const ReplaceTaskBodySchema = z.strictObject({
  title: TaskTitleSchema,
  description: TaskDescriptionSchema,
  completed: z.boolean(),
});

/** `PATCH …/complete`: no body toggles, this body sets. */
export const SetCompletedBodySchema = z.strictObject({ completed: z.boolean() });

export const TaskStatusSchema = z.enum(["all", "active", "completed"]);

export const ListTasksQuerySchema = z.strictObject({
  status: TaskStatusSchema.default("all"),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1)
    .max(LIST_LIMIT_MAX)
    .default(LIST_LIMIT_DEFAULT),
  cursor: z.string().min(1).max(512).optional(),
});

export type ReplaceTaskBody = z.input<typeof ReplaceTaskBodySchema>;
export type SetCompletedBody = z.input<typeof SetCompletedBodySchema>;
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type ListTasksQuery = z.input<typeof ListTasksQuerySchema>;
