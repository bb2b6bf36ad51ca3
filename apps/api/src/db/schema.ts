import type { Generated } from "kysely";

/** Row shape of `tasks`; times are ISO 8601 UTC strings, completed is 0/1. */
export interface TasksTable {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  completed: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Row shape of `idempotency_keys`: the first response to a keyed POST, kept 24 hours. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  /** sha256 of the canonical JSON of the validated body. */
  request_hash: string;
  status_code: number;
  /** The response body as JSON text. */
  response_body: string;
  created_at: string;
}

/** Row shape of `task_versions`: bumped by a trigger on every change to a user's tasks. */
export interface TaskVersionsTable {
  user_id: string;
  /** bigint: PostgreSQL's driver returns it as a string, SQLite as a number. */
  version: number | string;
}

export interface Database {
  tasks: TasksTable;
  task_versions: TaskVersionsTable;
  idempotency_keys: IdempotencyKeysTable;
}
