import type * as z from "zod/mini";

/** Every draft key starts with this, so sign-out can drop them all at once. */
export const DRAFT_KEY_PREFIX = "taskgate.draft.";

/** The part of the Web Storage API drafts need; tests pass a fake. */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** The tab's sessionStorage, or null where there is none (server render, blocked storage). */
export function browserDraftStorage(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    // Some privacy settings make merely reading `sessionStorage` throw.
    return null;
  }
}

export function saveDraft<T>(storage: DraftStorage | null, key: string, value: T): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota full or storage disabled: a lost draft is not worth an error.
  }
}

/** The stored draft if it still matches `schema`; anything else reads as no draft. */
export function loadDraft<T>(
  storage: DraftStorage | null,
  key: string,
  schema: z.ZodMiniType<T>,
): T | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clearDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: the draft is gone with the storage.
  }
}

/** Drops every draft; on sign-out, so the next person at this tab sees none. */
export function clearAllDrafts(storage: DraftStorage | null): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(DRAFT_KEY_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // As above.
  }
}
