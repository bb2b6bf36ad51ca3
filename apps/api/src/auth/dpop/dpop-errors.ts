/**
 * Why a request was refused by the token-binding checks: stable codes for
 * logs and tests. Each maps to the RFC 9449 §7.1 error the client is told:
 * `invalid_dpop_proof` when the proof itself is wrong, `invalid_token` when
 * the token is used the wrong way (wrong scheme, wrong key, unbound).
 */
const PROOF_REASONS = [
  "DPOP_PROOF_MISSING",
  "DPOP_PROOF_MULTIPLE",
  "DPOP_PROOF_MALFORMED",
  "DPOP_TYP_INVALID",
  "DPOP_ALG_NOT_ALLOWED",
  "DPOP_HEADER_FORBIDDEN",
  "DPOP_JWK_INVALID",
  "DPOP_JWK_PRIVATE",
  "DPOP_SIGNATURE_INVALID",
  "DPOP_CLAIM_INVALID",
  "DPOP_HTM_MISMATCH",
  "DPOP_HTU_MISMATCH",
  "DPOP_IAT_TOO_OLD",
  "DPOP_IAT_IN_FUTURE",
  "DPOP_ATH_MISMATCH",
  "DPOP_JTI_REPLAYED",
] as const;

const TOKEN_USE_REASONS = [
  // The proof's key is not the one the token is bound to (cnf.jkt).
  "DPOP_KEY_MISMATCH",
  "DPOP_BOUND_TOKEN_AS_BEARER",
  // `Authorization: DPoP` with a token that has no cnf.jkt.
  "DPOP_TOKEN_NOT_BOUND",
  // DPOP_MODE=required and an unbound token.
  "DPOP_BINDING_REQUIRED",
] as const;

export type DpopProofReason = (typeof PROOF_REASONS)[number];
export type DpopTokenUseReason = (typeof TOKEN_USE_REASONS)[number];
export type DpopReason = DpopProofReason | DpopTokenUseReason;

/** The `error` parameter of the `WWW-Authenticate: DPoP` challenge. */
export type DpopChallengeError = "invalid_dpop_proof" | "invalid_token";

const TOKEN_USE: ReadonlySet<string> = new Set(TOKEN_USE_REASONS);

/** The request's token binding is not acceptable: always a 401. */
export class DpopError extends Error {
  readonly challenge: DpopChallengeError;

  constructor(readonly reason: DpopReason) {
    super(`DPoP refused: ${reason}`);
    this.name = "DpopError";
    this.challenge = TOKEN_USE.has(reason) ? "invalid_token" : "invalid_dpop_proof";
  }
}

/**
 * The replay cache cannot answer (Redis down, or the in-memory cache full of
 * live entries): a proof cannot be told apart from a replay. A 503, never a
 * 401 and never an accepted proof.
 */
export class ReplayCacheUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ReplayCacheUnavailableError";
  }
}
