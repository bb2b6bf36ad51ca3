import { createHash, verify as verifySignature } from "node:crypto";
import { DpopError } from "./dpop-errors.js";
import { normaliseHtu, requestHtu } from "./htu.js";
import { createProofHeaderReader, decodeObject } from "./proof-key.js";
import type { ReplayCache } from "./replay-cache.js";

/** Algorithms a proof may use; also what `WWW-Authenticate: DPoP algs=` announces. */
export const DPOP_ALGORITHMS = ["ES256"] as const;
/** RFC 9449 §11.1 leaves the window to the server; the contract sets 60 s. */
export const PROOF_MAX_AGE_SECONDS = 60;

// Far above any honest proof (about 600 characters) and bounds work before parsing.
const MAX_PROOF_LENGTH = 4096;
const MAX_JTI_LENGTH = 128;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface ProofInput {
  /** The `DPoP` header's value. */
  proof: string;
  /** The request's method, as received. */
  method: string;
  /** The request's raw URL (path and query), as received. */
  url: string;
  /** accessTokenHash(the request's access token): the `ath` the proof must carry. */
  ath: string;
  /** The token's `cnf.jkt`. */
  jkt: string;
}

export interface ProofVerifierOptions {
  /** API_URL: the base of every `htu`. */
  publicUrl: string;
  replay: ReplayCache;
  clockToleranceSeconds: number;
  /** Injectable clock for tests (milliseconds since the epoch). */
  now?: () => number;
  headerCacheSize?: number;
}

export type ProofVerifier = (input: ProofInput) => Promise<void>;

/** base64url(SHA-256(token)): the `ath` a proof for this token must carry. */
export const accessTokenHash = (token: string) =>
  createHash("sha256").update(token).digest("base64url");

/**
 * Builds the check of one DPoP proof against its request and its token
 * (RFC 9449 §4.3, in the order below). Pure but for the replay cache, which
 * is consulted last so a proof refused for any other reason never fills it.
 */
export function createProofVerifier(options: ProofVerifierOptions): ProofVerifier {
  const readHeader = createProofHeaderReader(options.headerCacheSize);
  const now = options.now ?? Date.now;
  const tolerance = options.clockToleranceSeconds;
  // As long as a proof could still be accepted: its iat may lie up to the
  // tolerance ahead, and it stays acceptable for the maximum age after that.
  const retentionSeconds = PROOF_MAX_AGE_SECONDS + tolerance;
  const publicUrl = normaliseHtu(options.publicUrl)?.replace(/\/+$/, "");
  if (publicUrl === undefined) throw new Error(`not an http(s) URL: ${options.publicUrl}`);

  return async ({ proof, method, url, ath, jkt }) => {
    if (proof.length > MAX_PROOF_LENGTH || !COMPACT_JWS.test(proof)) {
      throw new DpopError("DPOP_PROOF_MALFORMED");
    }
    const headerEnd = proof.indexOf(".");
    const signatureStart = proof.lastIndexOf(".");
    const header = readHeader(proof.slice(0, headerEnd));
    if (header.jkt !== jkt) throw new DpopError("DPOP_KEY_MISMATCH");

    const signature = Buffer.from(proof.slice(signatureStart + 1), "base64url");
    // ES256 in JWS is r || s, 32 bytes each (RFC 7518 §3.4).
    if (signature.length !== 64) throw new DpopError("DPOP_SIGNATURE_INVALID");
    const valid = verifySignature(
      "sha256",
      Buffer.from(proof.slice(0, signatureStart)),
      { key: header.key, dsaEncoding: "ieee-p1363" },
      signature,
    );
    if (!valid) throw new DpopError("DPOP_SIGNATURE_INVALID");

    const claims = decodeObject(proof.slice(headerEnd + 1, signatureStart));
    const { jti, htm, htu, iat } = claims;
    if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
      throw new DpopError("DPOP_CLAIM_INVALID");
    }
    if (typeof htm !== "string" || typeof htu !== "string" || typeof claims.ath !== "string") {
      throw new DpopError("DPOP_CLAIM_INVALID");
    }
    if (typeof iat !== "number" || !Number.isFinite(iat)) throw new DpopError("DPOP_CLAIM_INVALID");
    if (htm !== method) throw new DpopError("DPOP_HTM_MISMATCH");
    const expected = requestHtu(publicUrl, url);
    // Most clients write htu exactly as normalised; only the others pay for parsing it.
    if (expected === null || (htu !== expected && normaliseHtu(htu) !== expected)) {
      throw new DpopError("DPOP_HTU_MISMATCH");
    }
    const nowSeconds = now() / 1000;
    if (iat > nowSeconds + tolerance) throw new DpopError("DPOP_IAT_IN_FUTURE");
    if (iat < nowSeconds - PROOF_MAX_AGE_SECONDS) throw new DpopError("DPOP_IAT_TOO_OLD");
    if (claims.ath !== ath) throw new DpopError("DPOP_ATH_MISMATCH");

    // Scoped by key: one client's jti can never collide with another's.
    if (!(await options.replay.remember(`${jkt}:${jti}`, retentionSeconds))) {
      throw new DpopError("DPOP_JTI_REPLAYED");
    }
  };
}
