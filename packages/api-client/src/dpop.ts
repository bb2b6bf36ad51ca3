import { sha256Base64url } from "./base64url";

/** The claims of a DPoP proof (RFC 9449 §4.2). */
export type DpopClaims = {
  jti: string;
  htm: string;
  htu: string;
  iat: number;
  /** base64url(SHA-256(access token)): only on requests that carry one. */
  ath?: string;
  /** The server's last DPoP-Nonce, when it asked for one. */
  nonce?: string;
};

/** The public half of an EC P-256 key, as it goes into a proof's `jwk` header. */
export type PublicEcJwk = { kty: "EC"; crv: "P-256"; x: string; y: string };

/**
 * What signs this client's proofs. The private key stays inside the
 * implementation (a non-extractable WebCrypto key in the browser): the client
 * only ever sees the public key, its thumbprint and finished proofs.
 */
export type DpopKey = {
  /** RFC 7638 SHA-256 thumbprint of `publicJwk`, base64url: the token's `cnf.jkt`. */
  readonly thumbprint: string;
  readonly publicJwk: PublicEcJwk;
  /** A compact JWS of `claims`, header `{typ: "dpop+jwt", alg: "ES256", jwk: publicJwk}`. */
  sign(claims: DpopClaims): Promise<string>;
};

/** Where a DPoP key comes from; null when this runtime cannot keep one (then tokens stay unbound). */
export type DpopKeySource = () => Promise<DpopKey | null>;

/**
 * A fresh proof for one HTTP request: new jti and iat every time, `htu`
 * without query or fragment (RFC 9449 §4.2), `ath` when a token goes with it.
 */
export async function createProof(
  key: DpopKey,
  request: { method: string; url: string; accessToken?: string; nonce?: string | null },
): Promise<string> {
  const target = new URL(request.url);
  const claims: DpopClaims = {
    jti: crypto.randomUUID(),
    htm: request.method.toUpperCase(),
    htu: `${target.origin}${target.pathname}`,
    iat: Math.floor(Date.now() / 1000),
  };
  if (request.accessToken !== undefined) claims.ath = await sha256Base64url(request.accessToken);
  if (request.nonce) claims.nonce = request.nonce;
  return key.sign(claims);
}
