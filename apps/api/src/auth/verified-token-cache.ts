import { LRUCache } from "lru-cache";
import type { VerifiedToken } from "./verify-token.js";

/**
 * Bounds memory: about 1 KiB an entry, so at most ~10 MiB however many
 * distinct tokens arrive.
 */
export const VERIFIED_TOKEN_CACHE_MAX = 10_000;

type Entry = { verified: VerifiedToken; keySetVersion: number; validUntilMs: number };

/**
 * Tokens already verified, keyed by their exact text. A token is used for up
 * to 15 minutes, so re-verifying its signature on every request is work done
 * again for nothing. An entry is trusted only under the key set that verified
 * it (a refresh, rotation or emergency reload empties it in effect) and never
 * past the token's own expiry; failures are never stored.
 */
export function createVerifiedTokenCache(max: number = VERIFIED_TOKEN_CACHE_MAX) {
  const entries = new LRUCache<string, Entry>({ max });
  return {
    get(token: string, keySetVersion: number, nowMs: number): VerifiedToken | undefined {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (entry.keySetVersion !== keySetVersion || nowMs >= entry.validUntilMs) {
        entries.delete(token);
        return undefined;
      }
      return entry.verified;
    },
    set(token: string, entry: Entry, nowMs: number): void {
      if (entry.validUntilMs > nowMs) entries.set(token, entry);
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type VerifiedTokenCache = ReturnType<typeof createVerifiedTokenCache>;
