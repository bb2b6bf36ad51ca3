import * as z from "zod/mini";

// The task wire format a client needs: the resource, and the bodies it sends
// together with their field rules. Written with zod/mini, which bundlers can
// tree-shake, so the browser validates with these very schemas at a fraction
// of full zod's size; `./task` adds what only the api uses.

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 20;

// PostgreSQL text cannot hold U+0000; refusing it everywhere keeps both
// engines (and the form) in agreement.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const NO_NUL = /^[^\u0000]*$/;

/** A task's title: no NUL, trimmed, 1..200 characters. */
export const TaskTitleSchema = z
  .string()
  .check(
    z.regex(NO_NUL, "Title cannot contain a NUL character."),
    z.trim(),
    z.minLength(1, "Title is required."),
    z.maxLength(TITLE_MAX, `Title is at most ${TITLE_MAX} characters.`),
  );

/** A task's description: no NUL, trimmed, at most 2000 characters, or null for none. */
export const TaskDescriptionSchema = z.nullable(
  z
    .string()
    .check(
      z.regex(NO_NUL, "Description cannot contain a NUL character."),
      z.trim(),
      z.maxLength(DESCRIPTION_MAX, `Description is at most ${DESCRIPTION_MAX} characters.`),
    ),
);

/** A task as the api returns it. `id` is opaque; times are ISO 8601 UTC. */
export const TaskSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
  completed: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const TaskListSchema = z.object({
  items: z.array(TaskSchema),
  next_cursor: z.nullable(z.string()),
});

// Bodies are strict: an unknown field (say `user_id` or `id`) is refused rather
// than silently dropped, so a client learns its request was not what it meant.
export const CreateTaskBodySchema = z.strictObject({
  title: TaskTitleSchema,
  description: z.optional(TaskDescriptionSchema),
});

export const UpdateTaskBodySchema = z
  .strictObject({
    title: z.optional(TaskTitleSchema),
    description: z.optional(TaskDescriptionSchema),
    completed: z.optional(z.boolean()),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, "Give at least one field to change"));

export type Task = z.infer<typeof TaskSchema>;
export type TaskList = z.infer<typeof TaskListSchema>;
export type CreateTaskBody = z.input<typeof CreateTaskBodySchema>;
export type UpdateTaskBody = z.input<typeof UpdateTaskBodySchema>;
