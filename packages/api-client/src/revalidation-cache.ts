/**
 * What the client already holds for a GET, by path: the answer's ETag and its
 * parsed body. The next GET of that path sends `If-None-Match`; a 304 hands
 * back the held body, which the api did not have to read (decision 050).
 * In memory only, bounded, least recently used first out. Paths carry the
 * user's id, so one user's entry never answers another's request.
 */
export type RevalidationCache = {
  get(path: string): { etag: string; value: unknown } | undefined;
  set(path: string, etag: string, value: unknown): void;
  clear(): void;
};

export function createRevalidationCache(maxEntries = 64): RevalidationCache {
  const entries = new Map<string, { etag: string; value: unknown }>();
  return {
    get(path) {
      const entry = entries.get(path);
      if (entry === undefined) return undefined;
      entries.delete(path);
      entries.set(path, entry);
      return entry;
    },
    set(path, etag, value) {
      entries.delete(path);
      entries.set(path, { etag, value });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    clear: () => entries.clear(),
  };
}
