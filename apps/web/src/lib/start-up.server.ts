import { getAuth } from "./auth.server";
import { isNextBuild } from "./config.server";
import { migrate } from "./db/migrate.server";

/**
 * Validates the configuration and creates or updates the schema, so a fresh
 * ./data never meets "no such table". A bad configuration stops the process:
 * Next would otherwise log the error and keep serving 500s.
 */
export async function prepareServer(): Promise<void> {
  if (isNextBuild()) return;
  try {
    await migrate(getAuth());
  } catch (error) {
    console.error(`web: cannot start\n${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
