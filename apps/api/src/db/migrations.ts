import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

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

// One row per user: a counter every change to that user's tasks bumps, in the
// same transaction as the change (a trigger, so no write path can forget it and
// several api instances agree). The ETag of a list or a task is taken from it,
// so a revalidation reads one row instead of the tasks. A row is never deleted:
// a counter that restarted could hand out an ETag an old copy still holds.
const createTaskVersions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("task_versions")
      .addColumn("user_id", "text", (col) => col.primaryKey())
      .addColumn("version", "bigint", (col) => col.notNull())
      .execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`
        create function bump_task_version() returns trigger language plpgsql as $$
        begin
          insert into task_versions (user_id, version)
          values (coalesce(new.user_id, old.user_id), 1)
          on conflict (user_id) do update set version = task_versions.version + 1;
          return null;
        end $$`.execute(db);
      await sql`
        create trigger tasks_bump_version after insert or update or delete on tasks
        for each row execute function bump_task_version()`.execute(db);
      return;
    }
    for (const [event, row] of [
      ["insert", "new"],
      ["update", "new"],
      ["delete", "old"],
    ] as const) {
      await sql`
        create trigger ${sql.raw(`tasks_bump_version_${event}`)} after ${sql.raw(event)} on tasks
        begin
          insert into task_versions (user_id, version) values (${sql.raw(row)}.user_id, 1)
          on conflict (user_id) do update set version = version + 1;
        end`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`drop trigger if exists tasks_bump_version on tasks`.execute(db);
      await sql`drop function if exists bump_task_version()`.execute(db);
    } else {
      for (const event of ["insert", "update", "delete"]) {
        await sql`drop trigger if exists ${sql.raw(`tasks_bump_version_${event}`)}`.execute(db);
      }
    }
    await sql`drop table if exists task_versions`.execute(db);
  },
};

export const migrations: Record<string, Migration> = {
  "0001_create_tasks": createTasks,
  "0002_create_idempotency_keys": createIdempotencyKeys,
  "0003_create_task_versions": createTaskVersions,
};
