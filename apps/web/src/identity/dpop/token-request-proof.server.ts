import { calculateJwkThumbprint, EmbeddedJWK, errors, type JWK, jwtVerify } from "jose";
import * as z from "zod";
import type { ReplayCache } from "./replay-cache.server";

/** A proof older than this is refused (RFC 9449 §11.1: a short window). */
export const PROOF_MAX_AGE_SECONDS = 60;
/** How far in the future a client's clock may put `iat`: the api's token tolerance. */
export const PROOF_CLOCK_TOLERANCE_SECONDS = 30;
/** A proof's jti is remembered for as long as its iat could still be accepted. */
export const REPLAY_WINDOW_SECONDS = PROOF_MAX_AGE_SECONDS + PROOF_CLOCK_TOLERANCE_SECONDS;

/** Asymmetric only: `none` and the HMAC family can never sign a proof. */
export const PROOF_ALGORITHMS = ["ES256", "ES384", "ES512", "EdDSA", "Ed25519", "PS256", "RS256"];

// Far above a real proof (an ES256 proof is about 500 characters).
const MAX_PROOF_LENGTH = 4_096;
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;
// Members that only a private or symmetric JWK has (RFC 7517/7518).
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

const ClaimsSchema = z.object({
  jti: z.string().min(1).max(256),
  htm: z.string(),
  htu: z.string(),
  iat: z.number().int(),
});

export type ProofCheck = { ok: true; jkt: string } | { ok: false; reason: string };

/** The URL without query or fragment, normalised; null when it is not a URL. */
function withoutQuery(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/**
 * Checks the DPoP proof of a token request (RFC 9449 §4.3): compact JWS,
 * typ dpop+jwt, an asymmetric alg, a public-only embedded jwk that verifies
 * the signature, htm and htu of this request, a fresh iat, and a jti never
 * seen in the window. Returns the key's RFC 7638 thumbprint, the token's
 * `cnf.jkt`.
 */
export async function checkTokenRequestProof(
  proof: string,
  expected: { htm: string; htu: string; nowSeconds: number; replay: ReplayCache },
): Promise<ProofCheck> {
  if (proof.length > MAX_PROOF_LENGTH || !COMPACT_JWS.test(proof)) {
    return { ok: false, reason: "not a compact JWS" };
  }
  let payload: unknown;
  let jwk: JWK | undefined;
  try {
    const verified = await jwtVerify(proof, EmbeddedJWK, {
      typ: "dpop+jwt",
      algorithms: PROOF_ALGORITHMS,
    });
    payload = verified.payload;
    jwk = verified.protectedHeader.jwk;
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JOSEError ? error.code : "unreadable" };
  }
  // jose refuses a private key already; checked by name too, so a future
  // change there cannot let one through.
  if (!jwk || PRIVATE_MEMBERS.some((member) => member in jwk)) {
    return { ok: false, reason: "jwk is not a public key" };
  }
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) return { ok: false, reason: "missing or malformed claims" };
  const { jti, htm, htu, iat } = claims.data;
  if (htm !== expected.htm) return { ok: false, reason: "htm mismatch" };
  if (withoutQuery(htu) !== expected.htu) return { ok: false, reason: "htu mismatch" };
  if (expected.nowSeconds - iat > PROOF_MAX_AGE_SECONDS)
    return { ok: false, reason: "iat too old" };
  if (iat - expected.nowSeconds > PROOF_CLOCK_TOLERANCE_SECONDS) {
    return { ok: false, reason: "iat in the future" };
  }
  const jkt = await calculateJwkThumbprint(jwk, "sha256");
  // Last: only a proof that passed every other check takes a place in the cache.
  if (!(await expected.replay.firstUse(`${jkt}:${jti}`, REPLAY_WINDOW_SECONDS))) {
    return { ok: false, reason: "jti replayed" };
  }
  return { ok: true, jkt };
}
