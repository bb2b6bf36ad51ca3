import type { FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import type { DpopMode } from "../config.js";
import { AppError } from "../http/app-error.js";
import { noteRefusal } from "../http/refusal.js";
import {
  type AuthScheme,
  authorizationValues,
  headerValues,
  parseAuthorization,
} from "./bearer.js";
import type { BindingCheck } from "./dpop/binding.js";
import {
  type DpopChallengeError,
  DpopError,
  ReplayCacheUnavailableError,
} from "./dpop/dpop-errors.js";
import { DPOP_ALGORITHMS } from "./dpop/verify-proof.js";
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

/** Token binding: the checks a verified token's use must pass (auth/dpop/). */
export interface DpopOptions {
  mode: DpopMode;
  check: BindingCheck;
}

/** Seconds a client should wait before retrying while the JWKS (or, in strict mode, the revocation list) is unavailable. */
const RETRY_AFTER_SECONDS = "5";

const unauthorized = () =>
  new AppError(401, "UNAUTHENTICATED", "A valid bearer token is required", {
    headers: { "www-authenticate": 'Bearer error="invalid_token"' },
  });

// RFC 9449 §7.1: the DPoP challenge names the error and the algorithms a proof may use.
const dpopUnauthorized = (error: DpopChallengeError) =>
  new AppError(401, "UNAUTHENTICATED", "A valid DPoP-bound token and proof are required", {
    headers: {
      "www-authenticate": `DPoP error="${error}", algs="${DPOP_ALGORITHMS.join(" ")}"`,
    },
  });

const unavailable = (detail: string) =>
  new AppError(503, "SERVICE_UNAVAILABLE", detail, {
    headers: { "retry-after": RETRY_AFTER_SECONDS },
  });

/**
 * onRequest hook for protected scopes: runs before the body is read, so a bad
 * token or proof is refused (401) before any ownership check, shape check or
 * database work.
 */
export function createAuthenticate(
  verify: TokenVerifier,
  dpop?: DpopOptions,
): onRequestAsyncHookHandler {
  const mode = dpop?.mode ?? "off";
  return async (request) => {
    let scheme: AuthScheme | undefined;
    try {
      const credentials = parseAuthorization(authorizationValues(request.raw.rawHeaders));
      scheme = credentials.scheme;
      const verified = await verify(credentials.token);
      // On every request, cached token or not: a proof is good for one request only.
      await dpop?.check({
        ...credentials,
        verified,
        proofs: headerValues(request.raw.rawHeaders, "dpop"),
        method: request.raw.method ?? "",
        url: request.raw.url ?? "/",
      });
      request.user = verified.sid
        ? { id: verified.sub, sessionId: verified.sid }
        : { id: verified.sub };
    } catch (error) {
      // Each refusal is the request's one log line (http/request-log.ts), with
      // route, request_id and client address: the reason code, never the token
      // or the proof.
      if (error instanceof DpopError) {
        noteRefusal(request, {
          level: "warn",
          event: "auth.refused",
          reason: error.reason,
          msg: "refused",
        });
        throw dpopUnauthorized(error.challenge);
      }
      if (error instanceof TokenError) {
        noteRefusal(request, {
          level: "warn",
          event: "auth.refused",
          reason: error.reason,
          msg: "refused",
        });
        // A client using DPoP (or one that must) is answered in DPoP's terms.
        const dpopTerms = mode !== "off" && (scheme === "DPoP" || mode === "required");
        throw dpopTerms ? dpopUnauthorized("invalid_token") : unauthorized();
      }
      if (error instanceof ReplayCacheUnavailableError) {
        noteRefusal(request, {
          level: "error",
          event: "auth.dpop_replay_unavailable",
          msg: "DPoP replay cache unavailable",
        });
        throw unavailable("Token checks are unavailable, try again");
      }
      if (error instanceof JwksUnavailableError) {
        noteRefusal(request, {
          level: "error",
          event: "auth.jwks_unavailable",
          msg: "JWKS unavailable",
        });
        throw unavailable("Token keys are unavailable, try again");
      }
      if (error instanceof RevocationsUnavailableError) {
        // Strict mode only: the token is valid but the revocation list too old to trust.
        noteRefusal(request, {
          level: "error",
          event: "auth.revocations_stale",
          msg: "revocation list stale",
        });
        throw unavailable("Token checks are unavailable, try again");
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
