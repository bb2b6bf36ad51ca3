import { randomUUID } from "node:crypto";
import type { Task, TaskStatus } from "@taskgate/contracts/task";
import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database, TasksTable } from "../db/schema.js";
import type { Cursor } from "./cursor.js";

export interface NewTask {
  title: string;
  description?: string | null | undefined;
}

export interface TaskChanges {
  title?: string | undefined;
  description?: string | null | undefined;
  completed?: boolean | undefined;
}

export interface ListPage {
  items: Task[];
  /** The sort key of the last item when more items follow, else null. */
  next: Cursor | null;
}

export interface ListOptions {
  status: TaskStatus;
  limit: number;
  after?: Cursor | undefined;
}

/** The one place a row becomes a Task: only the contract's fields leave the database. */
export function toTask(row: Selectable<TasksTable>): Task {
  return {
    id: row.id,
    user_id: row.user_id,
    title: row.title,
    description: row.description,
    completed: row.completed === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * One page of a user's tasks, newest first on (created_at, id): keyset, no
 * OFFSET. Tasks added meanwhile sort before the cursor, so paging never skips
 * or repeats one. limit + 1 rows tell whether another page exists without a
 * count. Exported so a test can EXPLAIN it.
 */
export function listQuery(db: Kysely<Database>, userId: string, options: ListOptions) {
  let query = db.selectFrom("tasks").selectAll().where("user_id", "=", userId);
  if (options.status !== "all") {
    query = query.where("completed", "=", options.status === "completed" ? 1 : 0);
  }
  const { after } = options;
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)),
    );
  }
  return query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit + 1);
}

// ISO 8601 UTC with milliseconds: sorts lexically in time order.
const now = () => new Date().toISOString();

/**
 * Task storage for one database handle (the app's or a transaction's). Every
 * statement is scoped by user_id, so another user's task is simply not found.
 */
export function tasksRepository(db: Kysely<Database>) {
  async function update(userId: string, id: string, changes: TaskChanges): Promise<Task | null> {
    const set: Updateable<TasksTable> = { updated_at: now() };
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.completed !== undefined) set.completed = changes.completed ? 1 : 0;
    const row = await db
      .updateTable("tasks")
      .set(set)
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .returningAll()
      .executeTakeFirst();
    return row ? toTask(row) : null;
  }

  return {
    async list(userId: string, options: ListOptions): Promise<ListPage> {
      const rows = await listQuery(db, userId, options).execute();
      const page = rows.slice(0, options.limit);
      const last = page.at(-1);
      const next =
        rows.length > options.limit && last ? { createdAt: last.created_at, id: last.id } : null;
      return { items: page.map(toTask), next };
    },

    async get(userId: string, id: string): Promise<Task | null> {
      const row = await db
        .selectFrom("tasks")
        .selectAll()
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row ? toTask(row) : null;
    },

    async create(userId: string, input: NewTask): Promise<Task> {
      const at = now();
      const row = await db
        .insertInto("tasks")
        .values({
          id: randomUUID(),
          user_id: userId,
          title: input.title,
          description: input.description ?? null,
          completed: 0,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTask(row);
    },

    /** PUT and PATCH alike: only the fields given change. */
    update,

    /** One statement, so two toggles racing each flip once (no read-modify-write). */
    async toggle(userId: string, id: string): Promise<Task | null> {
      const row = await db
        .updateTable("tasks")
        .set((eb) => ({ completed: eb(eb.val(1), "-", eb.ref("completed")), updated_at: now() }))
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .returningAll()
        .executeTakeFirst();
      return row ? toTask(row) : null;
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom("tasks")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type TasksRepository = ReturnType<typeof tasksRepository>;
