// The data of the scenarios, written straight into a fresh api.db before the
// api starts: the api's own migrations create the schema (its built
// migrate-cli, so the schema is exactly the one it ships), then one
// better-sqlite3 transaction inserts every row.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { runChild } from "./processes.mjs";

/** The revocation feed credential the bench's api is started with (required with PostgreSQL). */
export const BENCH_FEED_SECRET = "bench-revocation-feed-secret-0123456789";

/** Users of the scenarios and how many tasks each owns. */
export const USER_SIZES = { small: 100, medium: 1_000, large: 100_000, writer: 1 };

/** Runs the api's migrations against `${dataDir}/api.db`, or the PostgreSQL database at `databaseUrl`. */
export async function migrate(root, dataDir, databaseUrl = "") {
  await runChild(null, process.execPath, [join(root, "apps/api/dist/db/migrate-cli.js")], {
    timeoutMs: 60_000,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      // Required with PostgreSQL; the bench's api never reads a real feed.
      REVOCATION_FEED_SECRET: BENCH_FEED_SECRET,
      LOG_LEVEL: "warn",
    },
  });
}

/**
 * Inserts the users' tasks; returns `{users: {small: {id, taskIds}, ...}}`.
 * created_at is spread one minute apart going back in time, so keyset pages
 * walk a realistic index; every third task is completed.
 */
export function seed(dataDir) {
  const db = new Database(join(dataDir, "api.db"));
  db.pragma("journal_mode = WAL");
  const insert = db.prepare(
    `insert into tasks (id, user_id, title, description, completed, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const users = {};
  const start = Date.now();
  db.transaction(() => {
    for (const [name, count] of Object.entries(USER_SIZES)) {
      const userId = randomUUID();
      const taskIds = [];
      for (let i = 0; i < count; i += 1) {
        const id = randomUUID();
        const at = new Date(start - i * 60_000).toISOString();
        const description = i % 2 === 0 ? `Seeded task ${i} of ${name}` : null;
        insert.run(id, userId, `Task ${i}`, description, i % 3 === 0 ? 1 : 0, at, at);
        if (taskIds.length < 10) taskIds.push(id);
      }
      users[name] = { id: userId, tasks: count, taskIds };
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { users };
}
