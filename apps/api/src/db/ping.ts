import { type Kysely, sql } from "kysely";

/** True when the database answers a trivial query; never throws (used by /ready). */
export async function ping<DB>(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
