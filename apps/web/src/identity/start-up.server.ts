import { isNextBuild } from "../server/config.server";
import { describeError, getLogger } from "../server/logger.server";
import { getAuth } from "./auth.server";
import { migrate } from "./database/migrate.server";

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
    // One JSON line; the message (which names each bad variable) is a field.
    getLogger().fatal(
      { event: "server.start_failed", error: describeError(error) },
      "web: cannot start",
    );
    process.exit(1);
  }
}
