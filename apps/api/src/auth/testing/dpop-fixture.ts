import { generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { accessTokenHash } from "../dpop/verify-proof.js";
import { encodeJson } from "./jwks-fixture.js";

// Test-only: a browser's DPoP key stand-in and a raw proof signer that can
// write any header and claims, including ones a real client never would.

export interface ProofKey {
  privateKey: KeyObject;
  /** The public JWK (kty, crv, x, y), as a proof header carries it. */
  jwk: JWK;
  /** Its RFC 7638 thumbprint, computed by jose (not by the code under test). */
  jkt: string;
}

export async function createProofKey(): Promise<ProofKey> {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  const jwk: JWK = { kty, crv, x, y };
  return { privateKey, jwk, jkt: await calculateJwkThumbprint(jwk, "sha256") };
}

/** The claims of a good proof for this request and token; override or drop members per test. */
export function proofClaims(
  request: { method: string; htu: string; token: string; iat?: number },
  overrides: Record<string, unknown> = {},
  omit: readonly string[] = [],
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    jti: randomUUID(),
    htm: request.method,
    htu: request.htu,
    iat: request.iat ?? Math.floor(Date.now() / 1000),
    ath: accessTokenHash(request.token),
    ...overrides,
  };
  for (const name of omit) delete base[name];
  return base;
}

/** ES256-signs exactly the given header and claims (header defaults: typ, alg, jwk). */
export function signProof(
  key: ProofKey,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${encodeJson({ typ: "dpop+jwt", alg: "ES256", jwk: key.jwk, ...header })}.${encodeJson(claims)}`;
  const signature = sign("sha256", Buffer.from(input), {
    key: key.privateKey,
    dsaEncoding: "ieee-p1363",
  });
  return `${input}.${signature.toString("base64url")}`;
}
