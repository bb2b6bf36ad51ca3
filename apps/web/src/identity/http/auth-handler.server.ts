import { describeError, getLogger } from "../../server/logger.server";
import type { Auth } from "../auth.server";
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
  return response;
}
