import { RevocationsUnavailableError, TokenError } from "../errors.js";
import type { RevocationList } from "./revocation-list.js";

export interface RevocationGuardOptions {
  list: Pick<RevocationList, "reasonFor">;
  /** When the last complete sync with the feed finished (our clock, ms), or null before one. */
  lastSyncAt: () => number | null;
  /** REVOCATION_MAX_STALE_SECONDS in ms; 0 trusts the list however old it is (fail open). */
  maxStaleMs: number;
  now: () => number;
}

export interface RevocationGuard {
  /**
   * Throws TokenError (SESSION_REVOKED, USER_DELETED) for a listed token and,
   * in strict mode only, RevocationsUnavailableError while the list is stale.
   * The token verifier calls it on every verified token, cached or not.
   */
  check(token: { sub: string; sid?: string | undefined }): void;
  /** True only in strict mode, while the last sync is older than allowed. */
  isStale(): boolean;
}

export function createRevocationGuard(options: RevocationGuardOptions): RevocationGuard {
  const { list, lastSyncAt, maxStaleMs, now } = options;
  const isStale = (): boolean => {
    if (maxStaleMs === 0) return false;
    const at = lastSyncAt();
    return at === null || now() - at > maxStaleMs;
  };
  return {
    isStale,
    check(token) {
      const reason = list.reasonFor(token);
      // A token we know is revoked is a 401 even while the list is stale.
      if (reason !== null) throw new TokenError(reason);
      if (isStale()) throw new RevocationsUnavailableError("the revocation list is stale");
    },
  };
}
