import * as z from "zod/mini";

// The problem shape in zod/mini, which browsers load to read error bodies
// (see ./task-wire); ./problem wraps it for the api.

/** One field-level failure inside a 422 problem. */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** RFC 9457 problem details, the body of every api error. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  request_id: z.string(),
  errors: z.optional(z.array(FieldErrorSchema)),
});

export type FieldError = z.infer<typeof FieldErrorSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
