import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

export interface DeletedUserData {
  tasks: number;
  idempotencyKeys: number;
}

/**
 * Erases everything the api stores for one user: their tasks and the
 * Idempotency-Key records of their creates (which hold copies of tasks in
 * `response_body`). Called when the web app reports the account deleted
 * (auth/revocation/). One transaction, so a failure leaves both or neither;
 * running it again deletes nothing more, so a re-delivered entry is a no-op.
 * Both statements use an index led by user_id on both engines.
 */
export async function deleteUserData(
  db: Kysely<Database>,
  userId: string,
): Promise<DeletedUserData> {
  return db.transaction().execute(async (trx) => {
    const tasks = await trx.deleteFrom("tasks").where("user_id", "=", userId).executeTakeFirst();
    const keys = await trx
      .deleteFrom("idempotency_keys")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return {
      tasks: Number(tasks.numDeletedRows),
      idempotencyKeys: Number(keys.numDeletedRows),
    };
  });
}
