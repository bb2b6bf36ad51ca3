import type { RevocationEntry } from "@taskgate/contracts/revocation";
import type { TokenReason } from "../errors.js";

export interface RevocationListOptions {
  /**
   * Kept past an entry's `expires_at`: the api accepts a token up to this
   * long after its `exp` (JWT_CLOCK_TOLERANCE_SECONDS), and `expires_at` is
   * read from the web app's clock, not ours.
   */
  graceMs: number;
  /**
   * The longest any entry is kept, counted from when we first see it. No
   * token the api accepts is older than JWT_MAX_TOKEN_AGE_SECONDS (plus the
   * tolerance), and a revoked session or a deleted account mints no new ones,
   * so keeping an entry longer refuses nothing more. This caps memory even if
   * the feed sends an `expires_at` far in the future (account entries live 30
   * days in the feed so that an api that was down still deletes the data).
   */
  maxRetentionMs: number;
}

/**
 * The revoked sessions and deleted accounts the api knows of, in memory.
 * Each map holds id → the time (our clock, ms) after which the entry can go.
 * Lookups are two Map reads: this runs on every authenticated request.
 */
export class RevocationList {
  readonly #sessions = new Map<string, number>();
  readonly #users = new Map<string, number>();
  readonly #opts: RevocationListOptions;

  constructor(options: RevocationListOptions) {
    this.#opts = options;
  }

  /**
   * Records an entry; true when its id was not listed before (a re-delivered
   * entry returns false and changes nothing).
   */
  add(entry: RevocationEntry, nowMs: number): boolean {
    const keepUntil = Math.min(
      entry.expires_at + this.#opts.graceMs,
      nowMs + this.#opts.maxRetentionMs,
    );
    // Already past its life: every token it could refuse has expired.
    if (keepUntil <= nowMs) return false;
    const map = entry.kind === "session" ? this.#sessions : this.#users;
    const known = map.get(entry.id);
    if (known !== undefined && known >= keepUntil) return false;
    map.set(entry.id, keepUntil);
    return known === undefined;
  }

  /** Why a verified token must be refused, or null. O(1): two Map lookups. */
  reasonFor(token: { sub: string; sid?: string | undefined }): TokenReason | null {
    if (this.#users.has(token.sub)) return "USER_DELETED";
    if (token.sid !== undefined && this.#sessions.has(token.sid)) return "SESSION_REVOKED";
    return null;
  }

  /**
   * Drops entries whose time is up; returns how many. An entry not yet pruned
   * still refuses, which is harmless: its tokens have expired.
   */
  prune(nowMs: number): number {
    let removed = 0;
    for (const map of [this.#sessions, this.#users]) {
      for (const [id, keepUntil] of map) {
        if (keepUntil <= nowMs) {
          map.delete(id);
          removed += 1;
        }
      }
    }
    return removed;
  }

  get size(): number {
    return this.#sessions.size + this.#users.size;
  }
}
