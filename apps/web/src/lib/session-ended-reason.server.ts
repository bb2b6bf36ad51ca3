import "server-only";
import { getSessionCookie } from "better-auth/cookies";
import { cookies, headers } from "next/headers";
import type { LoginReason } from "@/features/auth/login-reason";
import { getAuth } from "./auth.server";
import {
  parseSessionEndedCookie,
  SESSION_ENDED_COOKIE,
} from "./revocation/ended-session-cookie.server";
import { findSessionEnding } from "./revocation/session-endings.server";

/**
 * The login page's reason, made precise. Both ways a dead session reaches
 * /login (a page's own session check, or the browser's token request) can
 * only say "session-expired"; when the session was in fact ended from
 * elsewhere, the person is told that instead: revoked from another device,
 * a password change, the account deleted.
 */
export async function explainLoginReason(reason: LoginReason | null): Promise<LoginReason | null> {
  if (reason !== "session-expired") return reason;
  // The browser's path: the answer that found the session dead left the cause.
  const left = parseSessionEndedCookie((await cookies()).get(SESSION_ENDED_COOKIE)?.value);
  if (left) return left;
  // A page's path: a server render cannot clear the cookie, so it is still here.
  const cookieValue = getSessionCookie(await headers());
  if (!cookieValue) return reason;
  const { adapter } = await getAuth().$context;
  const cause = await findSessionEnding(adapter, cookieValue, Date.now()).catch(() => null);
  return cause ?? reason;
}
