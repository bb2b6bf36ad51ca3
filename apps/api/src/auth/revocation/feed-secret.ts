import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../../config.js";

/** The web app keeps the same file beside its database (decision 038). */
export const FEED_SECRET_FILE_NAME = "revocation-feed-secret";

/**
 * The credential the api reads the revocation feed with: REVOCATION_FEED_SECRET
 * (config.ts requires it with PostgreSQL), or the secret under DATA_DIR that
 * whichever service starts first generates (32 random bytes; directory 0700,
 * file 0600). "wx" never overwrites: if both services race, the first file
 * wins and both read it.
 */
export function resolveFeedSecret(config: Pick<Config, "dataDir" | "revocations">): string {
  if (config.revocations.secret !== undefined) return config.revocations.secret;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const file = path.join(config.dataDir, FEED_SECRET_FILE_NAME);
  const generated = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
    return generated;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
  }
  chmodSync(file, 0o600);
  const stored = readFileSync(file, "utf8").trim();
  if (stored.length < 32)
    throw new Error(`${file}: the stored secret is shorter than 32 characters`);
  return stored;
}
