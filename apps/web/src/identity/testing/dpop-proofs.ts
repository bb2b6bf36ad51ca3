import { base64url, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export type ProofKey = {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  privateJwk: JWK;
};

/** An extractable ES256 key pair, so tests can also put its private half where it must not go. */
export async function proofKey(): Promise<ProofKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return {
    privateKey,
    publicKey,
    publicJwk: await exportJWK(publicKey),
    privateJwk: await exportJWK(privateKey),
  };
}

type Crafted = {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Signs with this key instead of the one in the header. */
  signingKey?: CryptoKey | Uint8Array;
};

/**
 * A proof for `GET htu` made with jose, with any header member or claim
 * replaced: for the proofs a real client would never send.
 */
export function craftProof(key: ProofKey, htu: string, crafted: Crafted = {}): Promise<string> {
  const claims = {
    jti: crypto.randomUUID(),
    htm: "GET",
    htu,
    iat: Math.floor(Date.now() / 1000),
    ...crafted.claims,
  };
  const header = { typ: "dpop+jwt", alg: "ES256", jwk: key.publicJwk, ...crafted.header };
  return new SignJWT(claims)
    .setProtectedHeader({ ...header, alg: String(header.alg) })
    .sign(crafted.signingKey ?? key.privateKey);
}

/** A JWS with `alg: none` and an empty signature. */
export function unsignedProof(key: ProofKey, htu: string): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  const claims = { jti: crypto.randomUUID(), htm: "GET", htu, iat: Math.floor(Date.now() / 1000) };
  return `${part({ typ: "dpop+jwt", alg: "none", jwk: key.publicJwk })}.${part(claims)}.`;
}
