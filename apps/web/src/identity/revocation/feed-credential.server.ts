import { createHash, timingSafeEqual } from "node:crypto";
import type { WebConfig } from "../../server/config.server";
import { readOrCreateSecretFile } from "../../server/private-files.server";

/** Beside the database and auth-secret; the api reads the same file (decision 038). */
export const FEED_SECRET_FILE_NAME = "revocation-feed-secret";

/**
 * The credential the api presents to read the revocation feed
 * (`Authorization: Bearer <secret>`): REVOCATION_FEED_SECRET, or with the
 * embedded SQLite default a secret generated once under DATA_DIR by whichever
 * service starts first (config.server.ts requires the variable with
 * PostgreSQL).
 */
export function resolveFeedSecret(
  config: Pick<WebConfig, "revocationFeedSecret" | "database" | "dataDir">,
): string {
  if (config.revocationFeedSecret !== undefined) return config.revocationFeedSecret;
  if (config.database.kind !== "sqlite") {
    throw new Error("REVOCATION_FEED_SECRET: required with DATABASE_URL");
  }
  return readOrCreateSecretFile(config.dataDir, FEED_SECRET_FILE_NAME);
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * True when `authorization` is `Bearer <secret>`. Compared as SHA-256 digests
 * in constant time: neither the secret's length nor its prefix leaks through
 * timing.
 */
export function isFeedCredential(authorization: string | null, secret: string): boolean {
  const match = /^Bearer ([^\s]+)$/.exec(authorization ?? "");
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(secret));
}
