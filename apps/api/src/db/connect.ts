import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Config } from "../config.js";
import type { Database } from "./schema.js";

// The one place that knows which database engine is in use: PostgreSQL later
// is a new branch here returning a Kysely<Database> over a PostgresDialect.

export function openDatabase(database: Config["database"]): Kysely<Database> {
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
