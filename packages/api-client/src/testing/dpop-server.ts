import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from "jose";

export type CheckedProof = {
  jti: string;
  htm: string;
  htu: string;
  ath?: string;
  nonce?: string;
  jkt: string;
};

/**
 * Verifies a request's DPoP proof with jose, independently of the client's
 * own signing code: typ, ES256, the embedded public key, the signature.
 */
export async function checkProof(req: IncomingMessage): Promise<CheckedProof | null> {
  const proof = req.headers.dpop;
  if (typeof proof !== "string") return null;
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
    typ: "dpop+jwt",
    algorithms: ["ES256"],
  });
  if (!protectedHeader.jwk) throw new Error("no jwk");
  return {
    jti: String(payload.jti),
    htm: String(payload.htm),
    htu: String(payload.htu),
    ...(typeof payload.ath === "string" ? { ath: payload.ath } : {}),
    ...(typeof payload.nonce === "string" ? { nonce: payload.nonce } : {}),
    jkt: await calculateJwkThumbprint(protectedHeader.jwk),
  };
}

/** base64url(SHA-256(token)), computed by node, for comparing with a proof's ath. */
export const athOf = (token: string) => createHash("sha256").update(token).digest("base64url");

/** An unsigned JWT-shaped token bound to `jkt`; the client never verifies. */
export function fakeBoundJwt(expSeconds: number, jkt: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", kid: "k1" })}.${part({ sub: "user-1", exp: expSeconds, cnf: { jkt } })}.c2ln`;
}
