import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import type { Database } from "./schema.js";

// The one place that knows which database engine is in use. Everything else
// holds a Kysely<Database> and writes SQL both engines accept.

export interface OpenOptions {
  /** Told about a pooled PostgreSQL connection that failed while idle (the pool replaces it). */
  onPoolError?: (error: Error) => void;
}

// A connect that takes longer than this is an outage: the request answers 503
// at once instead of queueing behind a database that is not there.
const CONNECT_TIMEOUT_MS = 2000;
const IDLE_TIMEOUT_MS = 30_000;

export function openDatabase(
  database: DatabaseConfig,
  options: OpenOptions = {},
): Kysely<Database> {
  if (database.kind === "postgres") return openPostgres(database, options);
  mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  // WAL lets readers run beside the writer; NORMAL is durable in WAL mode
  // across process crashes; busy_timeout absorbs short write contention.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

function openPostgres(
  database: Extract<DatabaseConfig, { kind: "postgres" }>,
  options: OpenOptions,
): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: database.url,
    max: database.poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    statement_timeout: database.statementTimeoutMs,
    application_name: "taskgate-api",
  });
  // Without a listener, an idle connection dropped by the server (restart,
  // failover, pg_terminate_backend) would crash the process: the pool discards
  // it and the next query opens a fresh one, so an outage heals on its own.
  pool.on("error", (error) => options.onPoolError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
