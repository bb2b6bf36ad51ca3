import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "../../server/config.server";
import { getLogger } from "../../server/logger.server";
import { ensurePrivateDatabaseFiles, ensurePrivateDir } from "../../server/private-files.server";

export type Opened = { kind: "sqlite"; db: Database.Database } | { kind: "postgres"; db: pg.Pool };

export type OpenedDatabase = Opened["db"];

/** The database Better Auth is given: a pg Pool or a better-sqlite3 handle. */
export function openDatabase(database: DatabaseConfig): Opened {
  if (database.kind === "postgres") return { kind: "postgres", db: openPostgres(database) };
  // 0700 directory, 0600 database (and -wal/-shm), whoever created them.
  ensurePrivateDir(dirname(database.path));
  ensurePrivateDatabaseFiles(database.path);
  const db = new Database(database.path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  return { kind: "sqlite", db };
}

function openPostgres(database: Extract<DatabaseConfig, { kind: "postgres" }>): pg.Pool {
  // Better Auth recognises a pg Pool and talks to it through Kysely's
  // PostgresDialect. Connections open lazily, so nothing is dialled here.
  const pool = new pg.Pool({
    connectionString: database.url,
    max: database.poolMax,
    // A database that does not answer fails the request (503) rather than
    // queueing it behind a hung connect.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server (restart, failover) is
  // reported here; without a listener Node would crash the process. The
  // pool replaces the connection on next use. The message never holds the
  // connection string.
  pool.on("error", (error: Error) => {
    getLogger().warn(
      { event: "db.connection_lost", error: error.message },
      "postgres: idle connection lost",
    );
  });
  return pool;
}
