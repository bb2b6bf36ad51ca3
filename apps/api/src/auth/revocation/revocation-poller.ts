import type { RevocationEntry } from "@taskgate/contracts/revocation";
import type { FeedClient } from "./feed-client.js";
import { reasonOf } from "./reason-of.js";
import type { RevocationList } from "./revocation-list.js";
import { type DeleteUserData, UserDataEraser } from "./user-data-eraser.js";

// Keeps the revocation list in step with the web app's feed.
//
// When the feed is unreachable or malformed, the api FAILS OPEN: it keeps
// using the last list it had, so tokens keep working through an outage of the
// web app (the JWKS cache makes the same choice, and while the web app is down
// nobody can sign out anyway). The cost: a token revoked during a partition
// between api and web (both up) keeps working until the feed is back or the
// token expires. The outage is logged once (auth.revocations_unavailable),
// its end once (auth.revocations_recovered), and /ready shows the state.
// REVOCATION_MAX_STALE_SECONDS > 0 opts into strict mode instead (see
// revocation-guard.ts): past that age requests get 503, not a stale answer.
// See docs/decisions/019-session-revocation.md.

export interface RevocationLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RevocationPollerOptions {
  client: FeedClient;
  list: RevocationList;
  pollMs: number;
  /** Erases a deleted account's data; throws when it cannot (the entry is then retried). */
  deleteUserData: DeleteUserData;
  /** For logs only. */
  url: string;
  log: RevocationLog;
  /** Our clock (ms): entry expiry and the age of the last sync. */
  now?: () => number;
}

export type FeedState = "pending" | "synced" | "unavailable";

export interface FeedStatus {
  /** pending: no sync has finished yet; unavailable: the last attempt failed. */
  state: FeedState;
  lastSyncAt: number | null;
  entries: number;
}

/**
 * Each sync starts this far before the web app's clock at the previous one:
 * covers clock skew between web instances and entries whose transaction
 * commits after their revoked_at. Re-applying an entry is harmless.
 */
export const SYNC_OVERLAP_MS = 30_000;

export class RevocationPoller {
  readonly list: RevocationList;
  #since = 0;
  #lastSyncAt: number | null = null;
  #state: FeedState = "pending";
  #started = false;
  #stopped = false;
  #timer: NodeJS.Timeout | null = null;
  #inflight: Promise<boolean> | null = null;
  /** Aborts the sync in flight on stop(); one per sync, so nothing accumulates on a long-lived signal. */
  #abort: AbortController | null = null;
  readonly #opts: RevocationPollerOptions;
  readonly #now: () => number;
  readonly #eraser: UserDataEraser;

  constructor(options: RevocationPollerOptions) {
    this.#opts = options;
    this.list = options.list;
    this.#now = options.now ?? Date.now;
    this.#eraser = new UserDataEraser(options.deleteUserData, options.log);
  }

  /** The `since` of the next sync (web clock, ms). */
  get since(): number {
    return this.#since;
  }

  lastSyncAt(): number | null {
    return this.#lastSyncAt;
  }

  status(): FeedStatus {
    return { state: this.#state, lastSyncAt: this.#lastSyncAt, entries: this.list.size };
  }

  /** First sync now (since = 0), then one every pollMs after the previous ends. */
  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    this.#tick();
  }

  /** Stops the timer, aborts a fetch in flight and waits for the sync to end (it may be deleting). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#abort?.abort();
    await this.#inflight;
  }

  /** One sync, shared by concurrent callers; true when it completed. */
  syncNow(): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    this.#inflight ??= this.#sync().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  #tick = (): void => {
    // #sync handles its own failures; the catch only guarantees the next poll.
    void this.syncNow()
      .catch(() => false)
      .then(() => {
        if (this.#stopped) return;
        // unref: a pending poll never keeps the process alive.
        this.#timer = setTimeout(this.#tick, this.#opts.pollMs).unref();
      });
  };

  async #sync(): Promise<boolean> {
    let result: Awaited<ReturnType<FeedClient["sync"]>>;
    this.#abort = new AbortController();
    try {
      result = await this.#opts.client.sync(this.#since, this.#abort.signal);
    } catch (error) {
      if (!this.#stopped) this.#unavailable(reasonOf(error));
      this.list.prune(this.#now());
      return false;
    } finally {
      this.#abort = null;
    }
    const now = this.#now();
    this.#apply(result.items, now);
    // After the list: the user's tokens are refused even if the database is down.
    const failedAt = await this.#eraser.erase(result.items, () => this.#stopped);
    this.list.prune(now);
    let next = result.complete ? Math.max(0, result.now - SYNC_OVERLAP_MS) : result.resumeSince;
    // Never move past an account whose data is not deleted yet: it comes back next time.
    if (failedAt !== null) next = Math.min(next, failedAt);
    this.#since = next;
    if (!result.complete) {
      if (result.reason === "stalled")
        this.#unavailable("stalled: a full page shares one revoked_at");
      return false;
    }
    this.#synced(now);
    return true;
  }

  #apply(items: readonly RevocationEntry[], now: number): void {
    const added = { sessions: 0, users: 0 };
    for (const item of items) {
      if (this.list.add(item, now)) added[item.kind === "session" ? "sessions" : "users"] += 1;
    }
    if (added.sessions + added.users > 0) {
      this.#opts.log.info({ event: "auth.revocations_applied", ...added }, "revocations applied");
    }
  }

  #unavailable(reason: string): void {
    // Once per outage: a poll every 2 s must not flood the log.
    if (this.#state !== "unavailable") {
      this.#opts.log.warn(
        { event: "auth.revocations_unavailable", url: this.#opts.url, reason },
        "revocation feed unavailable; keeping the last known list",
      );
    }
    this.#state = "unavailable";
  }

  #synced(now: number): void {
    const entries = this.list.size;
    if (this.#state === "unavailable") {
      this.#opts.log.info({ event: "auth.revocations_recovered", entries }, "revocation feed back");
    } else if (this.#state === "pending") {
      this.#opts.log.info({ event: "auth.revocations_loaded", entries }, "revocation list loaded");
    }
    this.#state = "synced";
    this.#lastSyncAt = now;
  }
}
