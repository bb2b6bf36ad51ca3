import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

// ETags for a user's tasks. Every change to a user's tasks bumps one counter
// in the same transaction (a trigger, migration 0003), so "nothing changed"
// is one primary-key read instead of reading the tasks. The counter is read
// BEFORE the tasks: a write landing in between tags new rows with the old
// version, which only costs the next revalidation a full answer; never the
// reverse (old rows under a new version would be a wrong 304).

/** The user's current version; "0" before their first task ever. */
export async function readTaskVersion(db: Kysely<Database>, userId: string): Promise<string> {
  const row = await db
    .selectFrom("task_versions")
    .select("version")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row === undefined ? "0" : String(row.version);
}

// Short and opaque: the tag says nothing about the user or the query, but
// differs for every (user, version, representation) so no two URLs share one.
function tag(parts: readonly (string | number | undefined)[]): string {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest("base64url");
  return `"${digest.slice(0, 22)}"`;
}

export interface ListRepresentation {
  status: string;
  limit: number;
  cursor?: string | undefined;
}

export function listEtag(userId: string, version: string, query: ListRepresentation): string {
  return tag(["list", userId, version, query.status, query.limit, query.cursor ?? ""]);
}

export function taskEtag(userId: string, version: string, taskId: string): string {
  return tag(["task", userId, version, taskId]);
}

/**
 * RFC 9110 §13.1.2: If-None-Match compares weakly, may list several tags or
 * be `*`. A malformed header simply matches nothing (a full answer).
 */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  for (const candidate of header.split(",")) {
    const value = candidate.trim();
    if (value === "*") return true;
    if ((value.startsWith("W/") ? value.slice(2) : value) === etag) return true;
  }
  return false;
}
