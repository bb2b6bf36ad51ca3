import type { RevocationEntry } from "@taskgate/contracts/revocation";
import { reasonOf } from "./reason-of.js";
import type { RevocationLog } from "./revocation-poller.js";

/** Erases one user's data (tasks/delete-user-data.ts); throws when the database cannot. */
export type DeleteUserData = (
  userId: string,
) => Promise<{ tasks: number; idempotencyKeys: number }>;

/**
 * Runs the data deletion for the "user" entries of a sync. A failure (the
 * database is down) is logged once until deletions work again; the poller
 * does not move its `since` past the failed entry, so the feed delivers it
 * again and the deletion is retried. The user's tokens are refused meanwhile:
 * the list already holds the entry.
 */
export class UserDataEraser {
  #failing = false;
  readonly #deleteUserData: DeleteUserData;
  readonly #log: RevocationLog;

  constructor(deleteUserData: DeleteUserData, log: RevocationLog) {
    this.#deleteUserData = deleteUserData;
    this.#log = log;
  }

  /**
   * Returns the revoked_at of the first entry that failed, or null. It stops
   * there: with the database down each attempt would wait for a connect
   * timeout, delaying the next poll. Entries re-delivered by the sync overlap
   * run again (zero rows deleted), which also erases a write from a request
   * that was authenticated just before the entry arrived.
   */
  async erase(items: readonly RevocationEntry[], stopped: () => boolean): Promise<number | null> {
    let erasedAny = false;
    for (const item of items) {
      if (item.kind !== "user" || stopped()) continue;
      try {
        const deleted = await this.#deleteUserData(item.id);
        erasedAny = true;
        if (deleted.tasks + deleted.idempotencyKeys > 0) {
          this.#log.info(
            { event: "auth.user_data_deleted", user_id: item.id, ...deleted },
            "deleted account's data erased",
          );
        }
      } catch (error) {
        if (!this.#failing) {
          this.#log.warn(
            { event: "auth.user_data_delete_failed", user_id: item.id, reason: reasonOf(error) },
            "could not erase a deleted account's data; retrying on the next poll",
          );
        }
        this.#failing = true;
        return item.revoked_at;
      }
    }
    if (erasedAny && this.#failing) {
      this.#failing = false;
      this.#log.info(
        { event: "auth.user_data_delete_recovered" },
        "account data erasure works again",
      );
    }
    return null;
  }
}
