import { type Kysely, Migrator } from "kysely";
import type { DatabaseConfig } from "../config.js";
import { migrations } from "./migrations.js";

// Where each engine keeps the api's migration history. A SQLite api.db is the
// api's alone and its files already record their history under Kysely's
// default names. A PostgreSQL database is shared with the web app (one
// DATABASE_URL for both), so the api's history gets tables of its own.
const HISTORY_TABLES: Record<DatabaseConfig["kind"], { table: string; lock: string }> = {
  sqlite: { table: "kysely_migration", lock: "kysely_migration_lock" },
  postgres: { table: "api_migration", lock: "api_migration_lock" },
};

/**
 * Applies pending migrations; idempotent, safe at every start. Kysely's lock
 * table makes instances starting together apply each migration once.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  engine: DatabaseConfig["kind"],
): Promise<string[]> {
  const tables = HISTORY_TABLES[engine];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: tables.table,
    migrationLockTableName: tables.lock,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed`, { cause: error });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
