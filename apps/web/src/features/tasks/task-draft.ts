import {
  clearDraft,
  DRAFT_KEY_PREFIX,
  type DraftStorage,
  loadDraft,
  saveDraft,
} from "../../lib/draft-storage";
import type { TaskDraft } from "./task-draft-schema";

/** The add form's half-typed task, kept per tab across a forced sign-in. Never a token. */
export const NEW_TASK_DRAFT_KEY = `${DRAFT_KEY_PREFIX}v1.new-task`;

/** Writes the draft, or removes it once both fields are empty. */
export function saveTaskDraft(storage: DraftStorage | null, draft: TaskDraft): void {
  if (draft.title === "" && draft.description === "") {
    clearDraft(storage, NEW_TASK_DRAFT_KEY);
    return;
  }
  saveDraft(storage, NEW_TASK_DRAFT_KEY, draft);
}

/**
 * The draft `userId` left in this tab, if any. Its schema (zod) is imported
 * here, after the page has loaded, rather than with the page.
 */
export async function loadTaskDraft(
  storage: DraftStorage | null,
  userId: string,
): Promise<TaskDraft | null> {
  const { TaskDraftSchema } = await import("./task-draft-schema");
  const draft = loadDraft(storage, NEW_TASK_DRAFT_KEY, TaskDraftSchema);
  return draft && draft.userId === userId ? draft : null;
}

export function clearTaskDraft(storage: DraftStorage | null): void {
  clearDraft(storage, NEW_TASK_DRAFT_KEY);
}
