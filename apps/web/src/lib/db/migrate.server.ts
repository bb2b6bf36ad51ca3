import { getMigrations } from "better-auth/db/migration";
import type { Auth } from "../auth.server";

/**
 * Creates or updates the Better Auth tables. Idempotent: a second run finds
 * nothing to do. Used at server start and by `npm run db:migrate`.
 */
export async function migrate(auth: Auth): Promise<{ created: string[]; altered: string[] }> {
  const { toBeCreated, toBeAdded, runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  return {
    created: toBeCreated.map((table) => table.table),
    altered: toBeAdded.map((table) => table.table),
  };
}
