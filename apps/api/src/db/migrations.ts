import { type Kysely, type Migration, sql } from "kysely";

// Migrations live in code (not a scanned folder) so the bundled dist/ carries
// them. Names sort lexically: never rename or edit one that has shipped.

const createTasks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("tasks")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("description", "text")
      .addColumn("completed", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    // Keyset pagination per user, filtered by status or not.
    await db.schema
      .createIndex("tasks_user_completed_created_id")
      .on("tasks")
      .columns(["user_id", "completed", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("tasks_user_created_id")
      .on("tasks")
      .columns(["user_id", "created_at", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await sql`drop table if exists tasks`.execute(db);
  },
};

// Idempotency-Key records for POST /tasks: one row per (user, key), replayed
// for 24 hours. The created_at index keeps the opportunistic purge a range scan.
const createIdempotencyKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("idempotency_keys")
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("key", "text", (col) => col.notNull())
      .addColumn("request_hash", "text", (col) => col.notNull())
      .addColumn("status_code", "integer", (col) => col.notNull())
      .addColumn("response_body", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("idempotency_keys_pk", ["user_id", "key"])
      .execute();
    await db.schema
      .createIndex("idempotency_keys_created_at")
      .on("idempotency_keys")
      .column("created_at")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await sql`drop table if exists idempotency_keys`.execute(db);
  },
};

export const migrations: Record<string, Migration> = {
  "0001_create_tasks": createTasks,
  "0002_create_idempotency_keys": createIdempotencyKeys,
};
