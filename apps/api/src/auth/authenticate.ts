import type { FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { AppError } from "../http/app-error.js";
import { noteRefusal } from "../http/refusal.js";
import { authorizationValues, parseBearer } from "./bearer.js";
import { JwksUnavailableError, RevocationsUnavailableError, TokenError } from "./errors.js";
import type { TokenVerifier } from "./verify-token.js";

export interface AuthUser {
  id: string;
  sessionId?: string;
}

declare module "fastify" {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

/** Seconds a client should wait before retrying while the JWKS (or, in strict mode, the revocation list) is unavailable. */
const RETRY_AFTER_SECONDS = "5";

const unauthorized = () =>
  new AppError(401, "UNAUTHENTICATED", "A valid bearer token is required", {
    headers: { "www-authenticate": 'Bearer error="invalid_token"' },
  });

/**
 * onRequest hook for protected scopes: runs before the body is read, so a bad
 * token is refused (401) before any shape check or database work.
 */
export function createAuthenticate(verify: TokenVerifier): onRequestAsyncHookHandler {
  return async (request) => {
    try {
      const token = parseBearer(authorizationValues(request.raw.rawHeaders));
      const verified = await verify(token);
      request.user = verified.sid
        ? { id: verified.sub, sessionId: verified.sid }
        : { id: verified.sub };
    } catch (error) {
      // Each refusal is the request's one log line (http/request-log.ts),
      // with route, request_id and client address.
      if (error instanceof TokenError) {
        // Security event: the reason code, never the token itself.
        noteRefusal(request, {
          level: "warn",
          event: "auth.refused",
          reason: error.reason,
          msg: "refused",
        });
        throw unauthorized();
      }
      if (error instanceof JwksUnavailableError) {
        noteRefusal(request, {
          level: "error",
          event: "auth.jwks_unavailable",
          msg: "JWKS unavailable",
        });
        throw new AppError(503, "SERVICE_UNAVAILABLE", "Token keys are unavailable, try again", {
          headers: { "retry-after": RETRY_AFTER_SECONDS },
        });
      }
      if (error instanceof RevocationsUnavailableError) {
        // Strict mode only: the token is valid but the revocation list too old to trust.
        noteRefusal(request, {
          level: "error",
          event: "auth.revocations_stale",
          msg: "revocation list stale",
        });
        throw new AppError(503, "SERVICE_UNAVAILABLE", "Token checks are unavailable, try again", {
          headers: { "retry-after": RETRY_AFTER_SECONDS },
        });
      }
      throw error;
    }
  };
}

/** The authenticated user of a request in a protected scope. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (request.user === null) throw unauthorized();
  return request.user;
}
