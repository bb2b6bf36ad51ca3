import "server-only";
import { getSessionCookie } from "better-auth/cookies";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "../auth.server";

export type SessionData = NonNullable<Awaited<ReturnType<typeof getSession>>>;

/**
 * The signed-in user's session, checked against the database, or null.
 * Cached per request: the signed-in layout and its page both ask.
 */
export const getSession = cache(async function getSession() {
  // headers() first: during `next build` it ends prerendering before any
  // database is opened.
  const requestHeaders = await headers();
  return getAuth().api.getSession({ headers: requestHeaders });
});

/**
 * The session, or a redirect to the login page that comes back to `path`.
 * Every protected page calls this: the proxy's cookie check is only a hint.
 */
export async function requireSession(path: string): Promise<SessionData> {
  const session = await getSession();
  if (session) return session;
  const login = `/login?next=${encodeURIComponent(path)}`;
  // A session cookie that no longer opens a session: it expired, or was
  // ended elsewhere (revoked, a password change). The login page says so.
  const hadSession = getSessionCookie(await headers()) !== null;
  redirect(hadSession ? `${login}&reason=session-expired` : login);
}
