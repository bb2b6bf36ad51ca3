import { base64url, sha256Base64url } from "./base64url";
import type { DpopClaims, DpopKey, PublicEcJwk } from "./dpop";

/** The parameters of every DPoP key this client makes: ES256 on P-256. */
export const DPOP_KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;

/** A new key pair whose private half cannot be exported, only used to sign. */
export function generateDpopKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(DPOP_KEY_ALGORITHM, false, ["sign", "verify"]);
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace. */
export function jwkThumbprint(jwk: PublicEcJwk): Promise<string> {
  return sha256Base64url(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }));
}

async function exportPublicJwk(publicKey: CryptoKey): Promise<PublicEcJwk> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey("jwk", publicKey);
  if (kty !== "EC" || crv !== "P-256" || !x || !y) throw new Error("Not a P-256 public key");
  return { kty, crv, x, y };
}

/**
 * A DpopKey over a WebCrypto key pair. The private key is only ever passed
 * to `crypto.subtle.sign`; nothing here can read it out. WebCrypto's ECDSA
 * signature is r||s, already the JWS form (RFC 7518 §3.4).
 */
export async function webCryptoDpopKey(pair: CryptoKeyPair): Promise<DpopKey> {
  const publicJwk = await exportPublicJwk(pair.publicKey);
  const header = base64url(JSON.stringify({ typ: "dpop+jwt", alg: "ES256", jwk: publicJwk }));
  return {
    thumbprint: await jwkThumbprint(publicJwk),
    publicJwk,
    async sign(claims: DpopClaims) {
      const input = `${header}.${base64url(JSON.stringify(claims))}`;
      const signature = await crypto.subtle.sign(
        { name: "ECDSA", hash: "SHA-256" },
        pair.privateKey,
        new TextEncoder().encode(input),
      );
      return `${input}.${base64url(new Uint8Array(signature))}`;
    },
  };
}
