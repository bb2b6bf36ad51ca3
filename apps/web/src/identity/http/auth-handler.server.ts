import { getSessionCookie } from "better-auth/cookies";
import { describeError, getLogger } from "../../server/logger.server";
import type { Auth } from "../auth.server";
import { findsSessionDead, sessionEndedCookie } from "../revocation/ended-session-cookie.server";
import { findSessionEnding } from "../revocation/session-endings.server";
import { AUTH_BODY_LIMIT_BYTES, limitBody } from "./auth-body-limit.server";

const RETRY_AFTER_SECONDS = 5;

/**
 * The answer when the session service cannot reach its storage: a generic
 * body (no stack, no SQL) and a 503 the client retries rather than treating
 * as a sign-out.
 */
export function sessionServiceUnavailable(): Response {
  return Response.json(
    {
      code: "SESSION_SERVICE_UNAVAILABLE",
      message: "The session service is unavailable. Try again shortly.",
    },
    {
      status: 503,
      headers: { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
    },
  );
}

/** Logs a storage failure by name and message only: never a request or its body. */
export function logAuthFailure(error: unknown): void {
  getLogger().error(
    { event: "auth.unavailable", error: describeError(error) },
    "session service unavailable",
  );
}

/** `/api/auth/*`: Better Auth's handler, never cached, never leaking an error. */
export async function handleAuthRequest(auth: Auth, request: Request): Promise<Response> {
  // Before Better Auth parses anything: an oversized body costs one 413.
  const limited = await limitBody(request, AUTH_BODY_LIMIT_BYTES);
  if (limited instanceof Response) return limited;
  let response: Response;
  try {
    response = await auth.handler(limited);
  } catch (error) {
    // Better Auth lets storage errors raised before an endpoint runs (the
    // rate limiter reads the database first) escape its handler.
    logAuthFailure(error);
    return sessionServiceUnavailable();
  }
  // Sessions and tokens must never sit in a shared or browser cache.
  if (!response.headers.has("cache-control")) response.headers.set("Cache-Control", "no-store");
  await tellWhySessionEnded(auth, request, response);
  return response;
}

/**
 * When this answer finds the request's session dead and the session was
 * ended from elsewhere, it also carries why, for the login page. A lookup
 * that fails costs only the explanation.
 */
async function tellWhySessionEnded(auth: Auth, request: Request, response: Response) {
  const cookieValue = getSessionCookie(request);
  if (!cookieValue || !findsSessionDead(response)) return;
  const context = await auth.$context;
  const cause = await findSessionEnding(context.adapter, cookieValue, Date.now()).catch(() => null);
  if (!cause) return;
  const secure = context.authCookies.sessionToken.attributes.secure === true;
  response.headers.append("set-cookie", sessionEndedCookie(cause, secure));
}
