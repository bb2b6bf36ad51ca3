import { SESSION_ENDING_CAUSES, type SessionEndingCause } from "./session-endings.server";

// The browser's own way of learning why its session ended: Better Auth clears
// the session cookie in the very answer that finds it dead (a token request
// that gets 401, a session check that gets null), so by the time the page
// reaches /login there is no cookie left to look up. That answer therefore
// carries the cause in a short-lived cookie of its own, sent to /login only.

export const SESSION_ENDED_COOKIE = "taskgate.session-ended";
const MAX_AGE_SECONDS = 300;

/** The `Set-Cookie` value that tells /login why the session ended. */
export function sessionEndedCookie(cause: SessionEndingCause, secure: boolean): string {
  return [
    `${SESSION_ENDED_COOKIE}=${cause}`,
    "Path=/login",
    `Max-Age=${MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** The cookie's value if it is one of ours; anything else says nothing. */
export function parseSessionEndedCookie(value: string | undefined): SessionEndingCause | null {
  return SESSION_ENDING_CAUSES.find((cause) => cause === value) ?? null;
}

/** Whether `response` is Better Auth finding the session dead: a 401, or its cookie cleared. */
export function findsSessionDead(response: Response): boolean {
  if (response.status === 401) return true;
  return response.headers
    .getSetCookie()
    .some((cookie) => /(^|[.-])session_token=;/.test(cookie) && /max-age=0/i.test(cookie));
}
