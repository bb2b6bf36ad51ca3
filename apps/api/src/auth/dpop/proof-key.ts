import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import { DpopError } from "./dpop-errors.js";

// A JWK member that only a private (or symmetric) key has: a proof carrying
// one has leaked its key, or is an attack on a verifier that would use it.
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
// A P-256 coordinate: 32 bytes, 43 base64url characters.
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/** The public P-256 key a proof header's `jwk` names, checked member by member. */
export interface ProofJwk {
  x: string;
  y: string;
}

export function readProofJwk(jwk: unknown): ProofJwk {
  if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) {
    throw new DpopError("DPOP_JWK_INVALID");
  }
  if (PRIVATE_MEMBERS.some((name) => Object.hasOwn(jwk, name))) {
    throw new DpopError("DPOP_JWK_PRIVATE");
  }
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  if (kty !== "EC" || crv !== "P-256") throw new DpopError("DPOP_JWK_INVALID");
  if (typeof x !== "string" || typeof y !== "string") throw new DpopError("DPOP_JWK_INVALID");
  if (!COORDINATE.test(x) || !COORDINATE.test(y)) throw new DpopError("DPOP_JWK_INVALID");
  return { x, y };
}

/**
 * RFC 7638 SHA-256 thumbprint: the required members in lexicographic order,
 * no whitespace. x and y are base64url already, so no JSON escaping can occur.
 */
export function thumbprint({ x, y }: ProofJwk): string {
  return createHash("sha256")
    .update(`{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`)
    .digest("base64url");
}

/** Keys imported so far, by thumbprint: one import per browser key, not per request. */
export const PROOF_KEY_CACHE_MAX = 10_000;

/**
 * Imports a proof's key once per thumbprint. A thumbprint names exactly one
 * (crv, x, y), so the key cached under it is the key any proof with that
 * thumbprint carries. Import also checks the point is on the curve.
 */
export function createProofKeyCache(max: number = PROOF_KEY_CACHE_MAX) {
  const keys = new LRUCache<string, KeyObject>({ max });
  return (jkt: string, jwk: ProofJwk): KeyObject => {
    const cached = keys.get(jkt);
    if (cached) return cached;
    let key: KeyObject;
    try {
      key = createPublicKey({ key: { kty: "EC", crv: "P-256", ...jwk }, format: "jwk" });
    } catch {
      throw new DpopError("DPOP_JWK_INVALID");
    }
    keys.set(jkt, key);
    return key;
  };
}
