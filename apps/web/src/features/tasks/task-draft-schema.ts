import * as z from "zod/mini";

/** What a stored new-task draft must look like to be restored (see ./task-draft). */
export const TaskDraftSchema = z.object({
  // Whose draft: a different user signing in at this tab must not see it.
  userId: z.string().check(z.minLength(1)),
  title: z.string(),
  description: z.string(),
});

export type TaskDraft = z.infer<typeof TaskDraftSchema>;
