import type { DpopMode } from "../../config.js";
import type { AuthScheme } from "../bearer.js";
import type { VerifiedToken } from "../verify-token.js";
import { DpopError } from "./dpop-errors.js";
import { accessTokenHash, type ProofVerifier } from "./verify-proof.js";

export interface BindingInput {
  scheme: AuthScheme;
  token: string;
  verified: VerifiedToken;
  /** Every `DPoP` header value the request carries (a string, or an array when repeated). */
  proofs: string | string[] | undefined;
  method: string;
  url: string;
}

export type BindingCheck = (input: BindingInput) => Promise<void>;

/**
 * Whether a verified token may be used the way this request uses it. Runs on
 * every request, after the token is verified (or found in the verified-token
 * cache) and before any ownership check. See docs/decisions/040.
 */
export function createBindingCheck(mode: DpopMode, verifyProof: ProofVerifier): BindingCheck {
  // The verified-token cache hands back the same object for the same token
  // text, so its hash is computed once per token, not once per request.
  const athOf = new WeakMap<VerifiedToken, string>();
  return async ({ scheme, token, verified, proofs, method, url }) => {
    // off: binding is not enforced; a token is a bearer token whichever
    // scheme carries it, and proofs are not looked at.
    if (mode === "off") return;
    const { jkt } = verified;
    if (jkt === undefined) {
      if (scheme === "DPoP") throw new DpopError("DPOP_TOKEN_NOT_BOUND");
      if (mode === "required") throw new DpopError("DPOP_BINDING_REQUIRED");
      return;
    }
    // RFC 9449 §7.2: a bound token presented as a bearer token is refused,
    // or anyone who copied it could use it without the key.
    if (scheme === "Bearer") throw new DpopError("DPOP_BOUND_TOKEN_AS_BEARER");
    if (proofs === undefined) throw new DpopError("DPOP_PROOF_MISSING");
    if (Array.isArray(proofs)) throw new DpopError("DPOP_PROOF_MULTIPLE");
    let ath = athOf.get(verified);
    if (ath === undefined) {
      ath = accessTokenHash(token);
      athOf.set(verified, ath);
    }
    await verifyProof({ proof: proofs, method, url, ath, jkt });
  };
}
