import { getMigrations } from "better-auth/db/migration";
import pg from "pg";
import { type Auth, postgresPoolOf } from "../auth.server";

// Session-level advisory lock held while the web app migrates PostgreSQL, so
// several instances starting together do not race to create the same tables.
// The api migrates under a lock of its own: the two schemas never overlap.
const LOCK_KEY = "taskgate:web:migrate";

async function runMigrations(auth: Auth): Promise<{ created: string[]; altered: string[] }> {
  const { toBeCreated, toBeAdded, runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  // The first signing key, made here (under the lock on PostgreSQL) rather
  // than by the first /jwks request: on a fresh database the api's first
  // JWKS fetch and `npm start`'s readiness probe would each create one, the
  // api would cache one and tokens would be signed with the other, and every
  // api call would be refused until the api's next refetch (30 s).
  await auth.api.getJwks();
  return {
    created: toBeCreated.map((table) => table.table),
    altered: toBeAdded.map((table) => table.table),
  };
}

/**
 * Creates or updates the Better Auth tables. Idempotent: a second run finds
 * nothing to do. Used at server start and by `npm run db:migrate`.
 */
export async function migrate(auth: Auth): Promise<{ created: string[]; altered: string[] }> {
  const pool = postgresPoolOf(auth);
  if (!pool) return runMigrations(auth);
  // Its own connection, outside the pool, so even a pool of one can migrate
  // while the lock is held.
  const lock = new pg.Client(pool.options);
  lock.on("error", () => {});
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock(hashtext($1))", [LOCK_KEY]);
    // Whoever waited finds the tables made and has nothing left to do.
    return await runMigrations(auth);
  } finally {
    // Ending the session releases the lock.
    await lock.end().catch(() => {});
  }
}
