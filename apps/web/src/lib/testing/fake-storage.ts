import type { DraftStorage } from "../draft-storage";

/** An in-memory stand-in for sessionStorage, for unit tests in the node environment. */
export function fakeStorage(initial: Record<string, string> = {}): DraftStorage & {
  entries: Map<string, string>;
} {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    get length() {
      return entries.size;
    },
    key: (index) => [...entries.keys()][index] ?? null,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}
