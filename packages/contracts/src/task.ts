import { z } from "zod";

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 20;

// PostgreSQL text cannot hold U+0000; refusing it everywhere keeps both
// engines (and the form) in agreement.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const NO_NUL = /^[^\u0000]*$/;

const title = z
  .string()
  .regex(NO_NUL, "Title cannot contain a NUL character")
  .trim()
  .min(1, "Title is required")
  .max(TITLE_MAX, `Title is at most ${TITLE_MAX} characters`);
const description = z
  .string()
  .regex(NO_NUL, "Description cannot contain a NUL character")
  .trim()
  .max(DESCRIPTION_MAX, `Description is at most ${DESCRIPTION_MAX} characters`)
  .nullable();

/** A task as the api returns it. `id` is opaque; times are ISO 8601 UTC. */
export const TaskSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

// Bodies are strict: an unknown field (say `user_id` or `id`) is refused rather
// than silently dropped, so a client learns its request was not what it meant.
export const CreateTaskBodySchema = z.strictObject({
  title,
  description: description.optional(),
});

export const ReplaceTaskBodySchema = z.strictObject({
  title,
  description,
  completed: z.boolean(),
});

export const UpdateTaskBodySchema = z
  .strictObject({
    title: title.optional(),
    description: description.optional(),
    completed: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change");

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

export const TaskListSchema = z.object({
  items: z.array(TaskSchema),
  next_cursor: z.string().nullable(),
});

export type Task = z.infer<typeof TaskSchema>;
export type CreateTaskBody = z.input<typeof CreateTaskBodySchema>;
export type ReplaceTaskBody = z.input<typeof ReplaceTaskBodySchema>;
export type UpdateTaskBody = z.input<typeof UpdateTaskBodySchema>;
export type SetCompletedBody = z.input<typeof SetCompletedBodySchema>;
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type ListTasksQuery = z.input<typeof ListTasksQuerySchema>;
export type TaskList = z.infer<typeof TaskListSchema>;
