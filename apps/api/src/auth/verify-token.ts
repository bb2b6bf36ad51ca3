import { decodeProtectedHeader, errors, jwtVerify, type ProtectedHeaderParameters } from "jose";
import { JwksUnavailableError, TokenError, type TokenReason } from "./errors.js";
import type { JwksCache } from "./jwks-cache.js";
import type { RevocationGuard } from "./revocation/revocation-guard.js";
import { createVerifiedTokenCache, VERIFIED_TOKEN_CACHE_MAX } from "./verified-token-cache.js";

export interface VerifiedToken {
  sub: string;
  sid?: string;
  exp: number;
  /** The RFC 7638 thumbprint of the key the token is bound to (`cnf.jkt`, RFC 9449 §6.1). */
  jkt?: string;
}

export interface TokenVerifierOptions {
  /** Without keySetVersion (a bare key source in tests) nothing is cached. */
  jwks: Pick<JwksCache, "getKey"> & Partial<Pick<JwksCache, "keySetVersion">>;
  issuer: string;
  audience: string;
  algorithms: readonly string[];
  clockToleranceSeconds: number;
  maxTokenAgeSeconds: number;
  /** Injectable clock for tests; defaults to the real time. */
  now?: () => Date;
  /** Verified tokens kept in memory; 0 turns the cache off. */
  cacheSize?: number;
  /** Refuses tokens of revoked sessions and deleted accounts (auth/revocation/). */
  revocations?: Pick<RevocationGuard, "check">;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/** 8 KiB is far above any token the web app mints and bounds all work before parsing. */
export const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_KID_LENGTH = 256;
const MAX_SUB_LENGTH = 255;
// A SHA-256 thumbprint: 32 bytes, 43 base64url characters.
const JKT = /^[A-Za-z0-9_-]{43}$/;

/**
 * The token's binding: undefined without `cnf`; a `cnf` that is not exactly
 * `{jkt: <thumbprint>}`-shaped is refused rather than read as "unbound".
 */
function readJkt(cnf: unknown): string | undefined {
  if (cnf === undefined) return undefined;
  if (typeof cnf !== "object" || cnf === null) throw new TokenError("CLAIM_INVALID");
  const { jkt } = cnf as Record<string, unknown>;
  if (typeof jkt !== "string" || !JKT.test(jkt)) throw new TokenError("CLAIM_INVALID");
  return jkt;
}

// Headers that would let the token pick its own key or change how it is
// processed (RFC 8725 §3.10); we trust only the pinned JWKS.
const FORBIDDEN_HEADERS = ["jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256", "crit", "cty", "b64"];

/** The strict format check: bounded length, three base64url parts, nothing else. */
function checkFormat(token: string): void {
  if (token.length === 0) throw new TokenError("TOKEN_MISSING");
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
    throw new TokenError("TOKEN_MALFORMED");
  }
}

function readHeader(token: string, algorithms: readonly string[]): { kid: string; alg: string } {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw new TokenError("TOKEN_MALFORMED", { cause });
  }
  // Case-sensitive on purpose: "none", "None" and "nOnE" are all simply not listed.
  if (typeof header.alg !== "string" || !algorithms.includes(header.alg)) {
    throw new TokenError("ALG_NOT_ALLOWED");
  }
  if (FORBIDDEN_HEADERS.some((name) => Object.hasOwn(header, name))) {
    throw new TokenError("HEADER_FORBIDDEN");
  }
  if (header.typ !== undefined && String(header.typ).toUpperCase() !== "JWT") {
    throw new TokenError("HEADER_FORBIDDEN");
  }
  const { kid } = header;
  if (typeof kid !== "string" || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    throw new TokenError("KID_INVALID");
  }
  return { kid, alg: header.alg };
}

function claimReason(error: errors.JWTClaimValidationFailed | errors.JWTExpired): TokenReason {
  if (error instanceof errors.JWTExpired) return "TOKEN_EXPIRED";
  if (error.reason === "missing") return "CLAIM_MISSING";
  if (error.reason === "invalid") return "CLAIM_INVALID";
  switch (error.claim) {
    case "iss":
      return "ISSUER_MISMATCH";
    case "aud":
      return "AUDIENCE_MISMATCH";
    case "nbf":
    case "iat":
      return "TOKEN_NOT_YET_VALID";
    default:
      return "TOKEN_INVALID";
  }
}

function toTokenError(error: unknown): Error {
  if (error instanceof TokenError || error instanceof JwksUnavailableError) return error;
  if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) {
    return new TokenError(claimReason(error), { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenError("SIGNATURE_INVALID", { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenError("ALG_NOT_ALLOWED", { cause: error });
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return new TokenError("TOKEN_MALFORMED", { cause: error });
  }
  // jose raises TypeError for inputs it cannot even interpret; our cache turns
  // network failures into JwksUnavailableError, so a TypeError here is the token's fault.
  if (error instanceof errors.JOSEError || error instanceof TypeError) {
    return new TokenError("TOKEN_INVALID", { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Builds the one function that decides whether a bearer token is acceptable. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const cacheSize = options.cacheSize ?? VERIFIED_TOKEN_CACHE_MAX;
  const cache = cacheSize > 0 ? createVerifiedTokenCache(cacheSize) : null;
  const { revocations } = options;
  const verifyToken: TokenVerifier = async (token) => {
    // The strict format check runs on every request, before the cache is
    // consulted. The header checks need not: a cached entry is keyed by the
    // exact token text, which passed them (and full verification) under the
    // same key set, and the allowlist is fixed at start-up. Skipping the
    // base64 and JSON decoding of the header is a third of a cache hit's cost.
    checkFormat(token);
    const nowMs = options.now ? options.now().getTime() : Date.now();
    const keySetVersion = cache ? (options.jwks.keySetVersion?.() ?? null) : null;
    if (cache && keySetVersion !== null) {
      const hit = cache.get(token, keySetVersion, nowMs);
      if (hit) return hit;
    }
    const { kid, alg } = readHeader(token, options.algorithms);
    try {
      const { payload } = await jwtVerify(
        token,
        async () => {
          const entry = await options.jwks.getKey(kid);
          // A key is only good for the algorithm it was published with.
          if (entry === undefined || entry.alg !== alg) throw new TokenError("KID_UNKNOWN");
          return entry.key;
        },
        {
          algorithms: [...options.algorithms],
          issuer: options.issuer,
          audience: options.audience,
          requiredClaims: ["exp", "iat", "sub"],
          clockTolerance: options.clockToleranceSeconds,
          maxTokenAge: options.maxTokenAgeSeconds,
          ...(options.now && { currentDate: options.now() }),
        },
      );
      const { sub, sid, exp, cnf } = payload;
      if (typeof sub !== "string" || sub.length === 0 || sub.length > MAX_SUB_LENGTH) {
        throw new TokenError("SUB_INVALID");
      }
      if (typeof exp !== "number") throw new TokenError("CLAIM_MISSING");
      const jkt = readJkt(cnf);
      const verified: VerifiedToken = {
        sub,
        exp,
        ...(typeof sid === "string" && sid.length > 0 && { sid }),
        ...(jkt !== undefined && { jkt }),
      };
      if (cache && keySetVersion !== null) {
        // Never trusted past exp, nor past the oldest iat the verifier accepts.
        const iatLimitMs =
          typeof payload.iat === "number"
            ? (payload.iat + options.maxTokenAgeSeconds) * 1000
            : Number.POSITIVE_INFINITY;
        const validUntilMs = Math.min(exp * 1000, iatLimitMs);
        cache.set(token, { verified, keySetVersion, validUntilMs }, nowMs);
      }
      return verified;
    } catch (error) {
      throw toTokenError(error);
    }
  };
  if (!revocations) return verifyToken;
  // The one exit for cached and fresh results alike: the cache holds
  // verifications, never the revocation verdict, so a token revoked after it
  // was cached is refused on its next request.
  return async (token) => {
    const verified = await verifyToken(token);
    revocations.check(verified);
    return verified;
  };
}
