import { join } from "node:path";
import { readOrCreateSecretFile } from "./private-files.server";

/** Contract: "a secret of at least 32 characters". */
export const MIN_SECRET_LENGTH = 32;
export const SECRET_FILE_NAME = "auth-secret";

// Values people paste from examples. Compared case-insensitively, trimmed.
const PLACEHOLDERS = new Set([
  "changeme",
  "change-me",
  "change_me",
  "secret",
  "your-secret",
  "your-secret-here",
  "replace-me",
  "better-auth-secret",
]);

/**
 * Why a configured secret is unacceptable, or null when it is fine.
 * An empty value is "not set" and is handled by {@link resolveAuthSecret}.
 */
export function secretProblem(secret: string): string | null {
  const normalized = secret.trim().toLowerCase();
  if (PLACEHOLDERS.has(normalized)) return "is a placeholder value; generate a random one";
  if (secret.length < MIN_SECRET_LENGTH) {
    return `must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length})`;
  }
  return null;
}

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
