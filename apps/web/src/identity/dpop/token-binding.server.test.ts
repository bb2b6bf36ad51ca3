import { generateKeyPair as dpopKeyPair, generateProof } from "dpop";
import { calculateJwkThumbprint, createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { call, newSession, type TestAuth } from "../testing/auth-http";
import { ENGINES } from "../testing/databases";
import { craftProof, proofKey, unsignedProof } from "../testing/dpop-proofs";
import { sharedTestAuth } from "../testing/shared-test-auth";

const tokenUrl = (t: TestAuth) => `${t.baseUrl}/api/auth/token`;

async function tokenWith(t: TestAuth, cookie: string, proof?: string) {
  return call(t, "/token", { headers: { cookie, ...(proof ? { DPoP: proof } : {}) } });
}

async function verifiedClaims(t: TestAuth, token: string) {
  const jwks = createLocalJWKSet(await t.auth.api.getJwks());
  return (await jwtVerify(token, jwks)).payload;
}

describe.each(ENGINES)("GET /api/auth/token with DPoP on %s", (engine) => {
  const t = sharedTestAuth(engine, { env: { AUTH_RATE_LIMIT_MAX: "10000" } });

  it("B21: a valid proof (made by the dpop library) gets a token bound to its key, signed with the JWKS keys", async () => {
    const cookie = await newSession(t, `bound-${engine}@example.com`);
    const keypair = await dpopKeyPair("ES256");
    const response = await tokenWith(t, cookie, await generateProof(keypair, tokenUrl(t), "GET"));
    expect(response.status).toBe(200);
    const { token } = await response.json();
    const claims = await verifiedClaims(t, token);
    expect(Object.keys(claims).sort()).toEqual(["aud", "cnf", "exp", "iat", "iss", "sid", "sub"]);
    const publicJwk = await crypto.subtle.exportKey("jwk", keypair.publicKey);
    expect(claims.cnf).toEqual({ jkt: await calculateJwkThumbprint(publicJwk, "sha256") });
  });

  it("B21: without a proof the token is unbound, exactly as before", async () => {
    const cookie = await newSession(t, `unbound-${engine}@example.com`);
    const response = await tokenWith(t, cookie);
    expect(response.status).toBe(200);
    const claims = await verifiedClaims(t, (await response.json()).token);
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "sid", "sub"]);
  });

  it("B21: a server call (as /api/auth/backend-token makes) stays unbound even with a DPoP header", async () => {
    const cookie = await newSession(t, `server-${engine}@example.com`);
    const key = await proofKey();
    const headers = new Headers({ cookie, dpop: await craftProof(key, tokenUrl(t)) });
    const { token } = await t.auth.api.getToken({ headers });
    expect(decodeJwt(token).cnf).toBeUndefined();
  });

  it("B25: a valid proof without a session gets 401 and no token", async () => {
    const key = await proofKey();
    const response = await call(t, "/token", {
      headers: { DPoP: await craftProof(key, tokenUrl(t)) },
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toMatch(/eyJ/);
  });

  const refusals: [string, (t: TestAuth) => Promise<string>][] = [
    [
      "typ is not dpop+jwt",
      async (t) => craftProof(await proofKey(), tokenUrl(t), { header: { typ: "JWT" } }),
    ],
    ["alg is none", async (t) => unsignedProof(await proofKey(), tokenUrl(t))],
    [
      "alg is HS256 (keyed with the public x)",
      async (t) => {
        const key = await proofKey();
        const secret = new TextEncoder().encode(String(key.publicJwk.x));
        return craftProof(key, tokenUrl(t), { header: { alg: "HS256" }, signingKey: secret });
      },
    ],
    [
      "the jwk holds the private key",
      async (t) => {
        const key = await proofKey();
        return craftProof(key, tokenUrl(t), { header: { jwk: key.privateJwk } });
      },
    ],
    [
      "signed by another key than its jwk",
      async (t) => {
        const [key, other] = [await proofKey(), await proofKey()];
        return craftProof(key, tokenUrl(t), { signingKey: other.privateKey });
      },
    ],
    [
      "htm is POST",
      async (t) => craftProof(await proofKey(), tokenUrl(t), { claims: { htm: "POST" } }),
    ],
    [
      "htu names another URL",
      async (t) => craftProof(await proofKey(), `${t.baseUrl}/api/auth/backend-token`),
    ],
    [
      "iat is 61 s old",
      async (t) =>
        craftProof(await proofKey(), tokenUrl(t), {
          claims: { iat: Math.floor(Date.now() / 1000) - 61 },
        }),
    ],
    [
      "iat is 31 s in the future",
      async (t) =>
        craftProof(await proofKey(), tokenUrl(t), {
          claims: { iat: Math.floor(Date.now() / 1000) + 31 },
        }),
    ],
    [
      "jti is missing",
      async (t) => craftProof(await proofKey(), tokenUrl(t), { claims: { jti: undefined } }),
    ],
    ["not a JWS at all", async () => "not-a-proof"],
  ];

  it.each(refusals)("B25: refuses a proof whose %s: 400 problem, no token", async (_, make) => {
    const cookie = await newSession(t, `refused-${crypto.randomUUID()}@example.com`);
    const response = await tokenWith(t, cookie, await make(t));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_dpop_proof"');
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: "INVALID_DPOP_PROOF" });
    expect(body).not.toMatch(/eyJ/);
  });

  it("B25: refuses a proof replayed within the window (its jti was seen)", async () => {
    const cookie = await newSession(t, `replay-${engine}@example.com`);
    const proof = await generateProof(await dpopKeyPair("ES256"), tokenUrl(t), "GET");
    expect((await tokenWith(t, cookie, proof)).status).toBe(200);
    const replayed = await tokenWith(t, cookie, proof);
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ code: "INVALID_DPOP_PROOF" });
  });

  it("B25: refuses two DPoP headers", async () => {
    const cookie = await newSession(t, `two-${engine}@example.com`);
    const key = await proofKey();
    const [a, b] = [await craftProof(key, tokenUrl(t)), await craftProof(key, tokenUrl(t))];
    const headers = new Headers({ cookie });
    headers.append("DPoP", a);
    headers.append("DPoP", b);
    const response = await t.auth.handler(new Request(tokenUrl(t), { headers }));
    expect(response.status).toBe(400);
  });
});
