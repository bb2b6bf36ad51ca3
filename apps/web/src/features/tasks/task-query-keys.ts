import type { TaskStatus } from "@taskgate/contracts/task";

// Keys are scoped by user: if another user signs in in the same tab, no cached
// list of the first one can ever match.
export const taskKeys = {
  /** Every task query of one user: what a write invalidates. */
  all: (userId: string) => ["tasks", userId] as const,
  /** One filtered, paginated list. */
  list: (userId: string, status: TaskStatus) => ["tasks", userId, "list", status] as const,
  /**
   * The first 100 tasks of every status, for the filters' counts. Under `all`
   * and in the same page shape as a list, so every write's optimistic update
   * and invalidation reach it too.
   */
  counts: (userId: string) => ["tasks", userId, "counts"] as const,
};
