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

export interface Database {
  tasks: TasksTable;
}
