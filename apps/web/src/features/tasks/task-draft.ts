import { z } from "zod";
import {
  clearDraft,
  DRAFT_KEY_PREFIX,
  type DraftStorage,
  loadDraft,
  saveDraft,
} from "../../lib/draft-storage";

/** The add form's half-typed task, kept per tab across a forced sign-in. Never a token. */
export const NEW_TASK_DRAFT_KEY = `${DRAFT_KEY_PREFIX}v1.new-task`;

const TaskDraftSchema = z.object({
  // Whose draft: a different user signing in at this tab must not see it.
  userId: z.string().min(1),
  title: z.string(),
  description: z.string(),
});

export type TaskDraft = z.infer<typeof TaskDraftSchema>;

/** Writes the draft, or removes it once both fields are empty. */
export function saveTaskDraft(storage: DraftStorage | null, draft: TaskDraft): void {
  if (draft.title === "" && draft.description === "") {
    clearDraft(storage, NEW_TASK_DRAFT_KEY);
    return;
  }
  saveDraft(storage, NEW_TASK_DRAFT_KEY, draft);
}

/** The draft `userId` left in this tab, if any. */
export function loadTaskDraft(storage: DraftStorage | null, userId: string): TaskDraft | null {
  const draft = loadDraft(storage, NEW_TASK_DRAFT_KEY, TaskDraftSchema);
  return draft && draft.userId === userId ? draft : null;
}

export function clearTaskDraft(storage: DraftStorage | null): void {
  clearDraft(storage, NEW_TASK_DRAFT_KEY);
}
