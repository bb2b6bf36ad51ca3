import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_SECRET_LENGTH, secretProblem } from "@taskgate/config/secret";

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
  mkdirSync(source.dataDir, { recursive: true, mode: 0o700 });
  const file = join(source.dataDir, SECRET_FILE_NAME);
  const generated = randomBytes(32).toString("base64url");
  try {
    // "wx": never overwrite; if two processes race, the first file wins.
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
    return generated;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  return readStoredSecret(file);
}

function readStoredSecret(file: string): string {
  const stored = readFileSync(file, "utf8").trim();
  const problem = secretProblem(stored);
  if (problem) throw new Error(`${file}: the stored secret ${problem}`);
  chmodSync(file, 0o600);
  return stored;
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "EEXIST";
}
