import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createProof } from "./dpop";
import { generateDpopKeyPair, webCryptoDpopKey } from "./webcrypto-dpop-key";

describe("WebCrypto DPoP key", () => {
  it("B20: makes a P-256 key pair whose private half cannot be exported", async () => {
    const pair = await generateDpopKeyPair();
    expect(pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("jwk", pair.privateKey)).rejects.toThrow();
    const key = await webCryptoDpopKey(pair);
    expect(Object.keys(key.publicJwk).sort()).toEqual(["crv", "kty", "x", "y"]);
  });

  it("B21: its thumbprint is RFC 7638's, as jose computes it", async () => {
    const key = await webCryptoDpopKey(await generateDpopKeyPair());
    expect(key.thumbprint).toBe(await calculateJwkThumbprint(key.publicJwk, "sha256"));
  });

  it("B22: signs proofs that jose verifies with the embedded key, each with a new jti", async () => {
    const key = await webCryptoDpopKey(await generateDpopKeyPair());
    const request = {
      method: "post",
      url: "https://api.example/api/u/tasks?x=1#f",
      accessToken: "t",
    };
    const [first, second] = [await createProof(key, request), await createProof(key, request)];
    const verify = (proof: string) =>
      jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt", algorithms: ["ES256"] });
    const { payload, protectedHeader } = await verify(first);
    expect(protectedHeader.jwk).toEqual(key.publicJwk);
    expect(payload).toMatchObject({ htm: "POST", htu: "https://api.example/api/u/tasks" });
    expect(payload.ath).toBe("47mKTaMaEn1L3m5DAz9muidMqw636xxw7EFAK_YnPdg");
    expect((await verify(second)).payload.jti).not.toBe(payload.jti);
  });
});
