import { createHash } from "node:crypto";
import type { DBAdapter } from "better-auth";
import { z } from "zod";
import { SESSION_ENDING_MODEL } from "./schema";

// Why a session ended, kept so that the device holding it can be told when it
// next arrives (`/login` says "signed out from another device" rather than a
// bare sign-in form). Only endings caused from elsewhere are kept: a sign-out
// explains itself, and an expired session is the default message.
// See docs/decisions/058-why-a-session-ended.md.

type Adapter = Pick<DBAdapter, "create" | "findOne" | "deleteMany">;

/** The login reasons (features/auth/login-reason.ts) an ending can carry. */
export const SESSION_ENDING_CAUSES = [
  "session-revoked",
  "password-changed",
  "account-deleted",
] as const;
export type SessionEndingCause = (typeof SESSION_ENDING_CAUSES)[number];

// Better Auth's endpoint paths that end sessions other than the caller's own.
const CAUSE_BY_PATH: Record<string, SessionEndingCause> = {
  "/revoke-session": "session-revoked",
  "/revoke-sessions": "session-revoked",
  "/revoke-other-sessions": "session-revoked",
  "/change-password": "password-changed",
  "/delete-user": "account-deleted",
  "/delete-user/callback": "account-deleted",
};

/** The cause of a session deletion made by the endpoint at `path`, if worth telling. */
export function endingCauseOf(path: string | undefined): SessionEndingCause | null {
  return path !== undefined && Object.hasOwn(CAUSE_BY_PATH, path)
    ? (CAUSE_BY_PATH[path] ?? null)
    : null;
}

/**
 * The session token as stored: a hash, so the table holds no credential even
 * of an ended session. The cookie's value is `<token>.<signature>`; an
 * unsigned or forged value can only ever find nothing.
 */
export function sessionTokenHash(tokenOrCookieValue: string): string {
  const token = decodeURIComponent(tokenOrCookieValue).split(".")[0] ?? "";
  return createHash("sha256").update(token).digest("base64url");
}

export async function recordSessionEnding(
  adapter: Adapter,
  entry: { token: string; cause: SessionEndingCause; expiresAt: number },
): Promise<void> {
  await adapter.create({
    model: SESSION_ENDING_MODEL,
    data: {
      tokenHash: sessionTokenHash(entry.token),
      cause: entry.cause,
      expiresAt: entry.expiresAt,
    },
  });
}

const RowSchema = z.object({
  cause: z.enum(SESSION_ENDING_CAUSES),
  // PostgreSQL returns bigint columns as strings; SQLite as numbers.
  expiresAt: z.coerce.number().int(),
});

/** Why the session behind `cookieValue` ended, while that still matters at `now`. */
export async function findSessionEnding(
  adapter: Adapter,
  cookieValue: string,
  now: number,
): Promise<SessionEndingCause | null> {
  const row = await adapter.findOne<unknown>({
    model: SESSION_ENDING_MODEL,
    where: [{ field: "tokenHash", value: sessionTokenHash(cookieValue) }],
  });
  const parsed = RowSchema.safeParse(row);
  return parsed.success && parsed.data.expiresAt > now ? parsed.data.cause : null;
}

/** Deletes the endings whose session would have expired by `now` anyway. */
export function pruneSessionEndings(adapter: Adapter, now: number): Promise<number> {
  return adapter.deleteMany({
    model: SESSION_ENDING_MODEL,
    where: [{ field: "expiresAt", operator: "lte", value: now }],
  });
}
