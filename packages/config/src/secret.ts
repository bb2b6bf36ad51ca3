/** Contract: "a secret of at least 32 characters". */
export const MIN_SECRET_LENGTH = 32;

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
 * Why a configured secret is unacceptable, or null when it is fine. An empty
 * value is "not set": the web app then generates one (SQLite) or refuses to
 * start (PostgreSQL).
 */
export function secretProblem(secret: string): string | null {
  const normalized = secret.trim().toLowerCase();
  if (PLACEHOLDERS.has(normalized)) return "is a placeholder value; generate a random one";
  if (secret.length < MIN_SECRET_LENGTH) {
    return `must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length})`;
  }
  return null;
}
