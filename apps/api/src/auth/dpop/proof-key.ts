import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import { DpopError } from "./dpop-errors.js";

// A JWK member that only a private (or symmetric) key has: a proof carrying
// one has leaked its key, or is an attack on a verifier that would use it.
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
// A P-256 coordinate: 32 bytes, 43 base64url characters.
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;
// The key must be the one in `jwk`; nothing else may pick or describe it, and
// no extension we do not implement may change how the proof is processed.
const FORBIDDEN_HEADERS = ["crit", "b64", "jku", "x5u", "x5c"];

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

/** An accepted proof header: the thumbprint of its key and the key, imported. */
export interface ProofHeader {
  jkt: string;
  key: KeyObject;
}

export function decodeObject(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new DpopError("DPOP_PROOF_MALFORMED");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DpopError("DPOP_PROOF_MALFORMED");
  }
  return value as Record<string, unknown>;
}

/** Every check of a proof's protected header (RFC 9449 §4.3 steps 4-7), then the key's import. */
export function readProofHeader(headerPart: string): ProofHeader {
  const header = decodeObject(headerPart);
  if (header.typ !== "dpop+jwt") throw new DpopError("DPOP_TYP_INVALID");
  // Case-sensitive: "none", "HS256" and "es256" are all simply not listed.
  if (header.alg !== "ES256") throw new DpopError("DPOP_ALG_NOT_ALLOWED");
  if (FORBIDDEN_HEADERS.some((name) => Object.hasOwn(header, name))) {
    throw new DpopError("DPOP_HEADER_FORBIDDEN");
  }
  const jwk = readProofJwk(header.jwk);
  let key: KeyObject;
  try {
    // Import also checks that the point is on the curve.
    key = createPublicKey({ key: { kty: "EC", crv: "P-256", ...jwk }, format: "jwk" });
  } catch {
    throw new DpopError("DPOP_JWK_INVALID");
  }
  return { jkt: thumbprint(jwk), key };
}

/** Proof headers accepted so far: one a browser key, in practice (about 1 KiB each). */
export const PROOF_HEADER_CACHE_MAX = 10_000;

/**
 * Reads each distinct proof header once. A client signs every proof under
 * the same header text (typ, alg, its jwk), and every check above is a pure
 * function of that text, so the text of an accepted header can stand for the
 * result: the decoding, the thumbprint and the key's import happen once per
 * browser key, not once per request. Refused headers are never stored.
 */
export function createProofHeaderReader(max: number = PROOF_HEADER_CACHE_MAX) {
  const accepted = new LRUCache<string, ProofHeader>({ max });
  return (headerPart: string): ProofHeader => {
    const cached = accepted.get(headerPart);
    if (cached) return cached;
    const header = readProofHeader(headerPart);
    accepted.set(headerPart, header);
    return header;
  };
}
