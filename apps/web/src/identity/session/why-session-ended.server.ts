import "server-only";
import { getSessionCookie } from "better-auth/cookies";
import { cookies, headers } from "next/headers";
import { getAuth } from "../auth.server";
import {
  parseSessionEndedCookie,
  SESSION_ENDED_COOKIE,
} from "../revocation/ended-session-cookie.server";
import { findSessionEnding, type SessionEndingCause } from "../revocation/session-endings.server";

/**
 * Why this request's session was ended from elsewhere (revoked from another
 * device, a password change, the account deleted), or null when it simply
 * expired or was never there. Both ways a dead session reaches /login can
 * only say "session-expired"; the login page asks this to be precise
 * (decision 058).
 */
export async function whySessionEnded(): Promise<SessionEndingCause | null> {
  // The browser's path: the answer that found the session dead left the cause.
  const left = parseSessionEndedCookie((await cookies()).get(SESSION_ENDED_COOKIE)?.value);
  if (left) return left;
  // A page's path: a server render cannot clear the cookie, so it is still here.
  const cookieValue = getSessionCookie(await headers());
  if (!cookieValue) return null;
  const { adapter } = await getAuth().$context;
  return findSessionEnding(adapter, cookieValue, Date.now()).catch(() => null);
}
