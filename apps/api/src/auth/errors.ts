/** Why a token was refused: stable codes for logs and tests, never shown as detail to clients. */
export const TOKEN_REASONS = [
  "TOKEN_MISSING",
  "TOKEN_MALFORMED",
  "ALG_NOT_ALLOWED",
  "HEADER_FORBIDDEN",
  "KID_INVALID",
  "KID_UNKNOWN",
  "SIGNATURE_INVALID",
  "TOKEN_EXPIRED",
  "TOKEN_NOT_YET_VALID",
  "ISSUER_MISMATCH",
  "AUDIENCE_MISMATCH",
  "CLAIM_MISSING",
  "CLAIM_INVALID",
  "SUB_INVALID",
  "TOKEN_INVALID",
  // Valid tokens refused by the revocation list (auth/revocation/).
  "SESSION_REVOKED",
  "USER_DELETED",
] as const;

export type TokenReason = (typeof TOKEN_REASONS)[number];

/** The token is not acceptable: always a 401. */
export class TokenError extends Error {
  constructor(
    readonly reason: TokenReason,
    options?: { cause?: unknown },
  ) {
    super(`token refused: ${reason}`, options);
    this.name = "TokenError";
  }
}

/**
 * No usable key set (never loaded, or older than the staleness bound, and the
 * web app cannot be reached). A 503: the client must not sign the user out.
 */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "JwksUnavailableError";
  }
}

/**
 * Strict mode only (REVOCATION_MAX_STALE_SECONDS > 0): the revocation list is
 * older than allowed, so a valid token cannot be told apart from a revoked
 * one. A 503: the client must not sign the user out.
 */
export class RevocationsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RevocationsUnavailableError";
  }
}
