import {
  type RevocationEntry,
  type RevocationKind,
  RevocationKindSchema,
} from "@taskgate/contracts/revocation";
import type { DBAdapter } from "better-auth";
import { z } from "zod";
import { REVOCATION_MODEL } from "./schema";

// Reads and writes of the revocation table through Better Auth's adapter, so
// the same code runs on SQLite and PostgreSQL (and inside a transaction when
// given the transaction's adapter).

type Adapter = Pick<DBAdapter, "create" | "findMany" | "deleteMany">;

export type NewRevocation = {
  kind: RevocationKind;
  subjectId: string;
  revokedAt: number;
  expiresAt: number;
};

export async function recordRevocation(adapter: Adapter, entry: NewRevocation): Promise<void> {
  await adapter.create({ model: REVOCATION_MODEL, data: entry });
}

// PostgreSQL returns bigint columns as strings; SQLite as numbers.
const RowSchema = z.object({
  kind: RevocationKindSchema,
  subjectId: z.string(),
  revokedAt: z.coerce.number().int(),
  expiresAt: z.coerce.number().int(),
});

/** Entries revoked at or after `since` that still matter at `now`, oldest first. */
export async function listRevocations(
  adapter: Adapter,
  { since, now, limit }: { since: number; now: number; limit: number },
): Promise<RevocationEntry[]> {
  const rows = await adapter.findMany<unknown>({
    model: REVOCATION_MODEL,
    where: [
      { field: "revokedAt", operator: "gte", value: since },
      { field: "expiresAt", operator: "gt", value: now },
    ],
    sortBy: { field: "revokedAt", direction: "asc" },
    limit,
  });
  return rows.map((row) => {
    const { kind, subjectId, revokedAt, expiresAt } = RowSchema.parse(row);
    return { kind, id: subjectId, revoked_at: revokedAt, expires_at: expiresAt };
  });
}

/** Deletes the entries that expired before `now`; returns how many. */
export function pruneRevocations(adapter: Adapter, now: number): Promise<number> {
  return adapter.deleteMany({
    model: REVOCATION_MODEL,
    where: [{ field: "expiresAt", operator: "lte", value: now }],
  });
}
