import { join } from "node:path";
import { MIN_SECRET_LENGTH, secretProblem } from "@taskgate/config/secret";
import { readOrCreateSecretFile } from "../../server/private-files.server";

export const SECRET_FILE_NAME = "auth-secret";

export type SecretSource = {
  /** BETTER_AUTH_SECRET as configured, already validated; undefined when unset. */
  configured: string | undefined;
  /** True when the data lives in the embedded SQLite database under dataDir. */
  embeddedDatabase: boolean;
  dataDir: string;
};

/**
 * The secret Better Auth encrypts its signing keys with. With the embedded
 * SQLite default a missing secret is generated once and kept beside the
 * database (mode 0600), so the keys stay readable across restarts. Shared
 * databases need an explicit secret: each instance generating its own would
 * make the others' keys unreadable.
 */
export function resolveAuthSecret(source: SecretSource): string {
  if (source.configured !== undefined) return source.configured;
  if (!source.embeddedDatabase) {
    throw new Error(
      `BETTER_AUTH_SECRET: required with DATABASE_URL (at least ${MIN_SECRET_LENGTH} characters)`,
    );
  }
  const stored = readOrCreateSecretFile(source.dataDir, SECRET_FILE_NAME);
  const problem = secretProblem(stored);
  if (problem) {
    throw new Error(`${join(source.dataDir, SECRET_FILE_NAME)}: the stored secret ${problem}`);
  }
  return stored;
}
