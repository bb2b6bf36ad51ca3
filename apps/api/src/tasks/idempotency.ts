import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../db/schema.js";
import { AppError } from "../http/app-error.js";

/** Header values we accept as an Idempotency-Key; anything else is a 400. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

/** How long a key is remembered: long enough for any client retry loop. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  userId: string;
  key: string;
  /** requestHash() of the request this key was sent with. */
  requestHash: string;
}

export interface StoredResponse<T> {
  status: number;
  body: T;
}

/** JSON with object keys sorted at every level, so equal bodies hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

// SQLite (better-sqlite3) and PostgreSQL spell a primary-key conflict differently.
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return error.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || error.code === "23505";
}

/**
 * Runs `produce` at most once per (user, key) within the TTL. The result and
 * the key are written in one transaction, so a crash leaves both or neither; a
 * repeat gets the stored response, a repeat with another body a 422.
 */
export async function runIdempotent<T>(
  db: Kysely<Database>,
  scope: IdempotencyScope,
  schema: z.ZodType<T>,
  produce: (trx: Kysely<Database>) => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T>> {
  const cutoff = new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString();

  const findLive = async (handle: Kysely<Database>): Promise<StoredResponse<T> | null> => {
    const row = await handle
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("user_id", "=", scope.userId)
      .where("key", "=", scope.key)
      .where("created_at", ">=", cutoff)
      .executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== scope.requestHash) {
      throw new AppError(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used with a different request body",
      );
    }
    return { status: row.status_code, body: schema.parse(JSON.parse(row.response_body)) };
  };

  try {
    return await db.transaction().execute(async (trx) => {
      const replay = await findLive(trx);
      if (replay) return replay;
      // Opportunistic purge (indexed range): also frees this key if it expired.
      await trx.deleteFrom("idempotency_keys").where("created_at", "<", cutoff).execute();
      // Claim the key before producing. A concurrent request with it waits on
      // this row (PostgreSQL's unique index; SQLite runs one writer at a time),
      // then fails with a unique violation once we commit and replays our
      // answer, so `produce` runs once. The placeholder is never seen outside
      // this transaction: it commits with the real response or not at all.
      await trx
        .insertInto("idempotency_keys")
        .values({
          user_id: scope.userId,
          key: scope.key,
          request_hash: scope.requestHash,
          status_code: 0,
          response_body: "",
          created_at: new Date().toISOString(),
        })
        .execute();
      const response = await produce(trx);
      await trx
        .updateTable("idempotency_keys")
        .set({ status_code: response.status, response_body: JSON.stringify(response.body) })
        .where("user_id", "=", scope.userId)
        .where("key", "=", scope.key)
        .execute();
      return response;
    });
  } catch (error) {
    // A concurrent request with the same key committed first (our transaction
    // rolled back): answer as that one did.
    if (!isUniqueViolation(error)) throw error;
    const replay = await findLive(db);
    if (!replay) throw error;
    return replay;
  }
}
