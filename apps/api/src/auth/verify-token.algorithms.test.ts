import { base64url, type CryptoKey, exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenError } from "./errors.js";
import {
  claims,
  encodeJson,
  startTestServer,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestServer,
} from "./testing/jwks-fixture.js";
import { createVerifierUnderTest } from "./testing/verifier-setup.js";

// The web app may be configured for EdDSA or ES256 instead of RS256.
const ALGS = ["EdDSA", "ES256"] as const;
let server: TestServer;
const privateKeys = new Map<string, CryptoKey>();

beforeAll(async () => {
  const jwks = [];
  for (const alg of ALGS) {
    const pair = await generateKeyPair(alg, { extractable: true });
    privateKeys.set(alg, pair.privateKey);
    jwks.push({ ...(await exportJWK(pair.publicKey)), kid: `kid-${alg}`, alg });
  }
  server = await startTestServer(jwks);
});

afterAll(() => server.close());

const sign = (alg: (typeof ALGS)[number]) => {
  const key = privateKeys.get(alg);
  if (!key) throw new Error("no key");
  return new SignJWT(claims())
    .setProtectedHeader({ alg, kid: `kid-${alg}` })
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .sign(key);
};

describe("other allowlisted algorithms", () => {
  it.each(ALGS)("accepts a valid %s token when allowed", async (alg) => {
    const t = createVerifierUnderTest(server.url, [alg]);
    await expect(t.verify(await sign(alg))).resolves.toMatchObject({ sub: "user-a" });
  });

  it("rejects an EdDSA token when only ES256 is allowed", async () => {
    const t = createVerifierUnderTest(server.url, ["ES256"]);
    const error = await t.verify(await sign("EdDSA")).catch((e: unknown) => e);
    expect(error instanceof TokenError && error.reason).toBe("ALG_NOT_ALLOWED");
  });

  it.each([
    ["J4", "EdDSA with a 64-byte all-zero signature", "EdDSA"],
    ["J4b", "ES256 with r = s = 0", "ES256"],
  ] as const)("%s: rejects %s", async (_id, _name, alg) => {
    const t = createVerifierUnderTest(server.url, [alg]);
    const input = `${encodeJson({ alg, kid: `kid-${alg}` })}.${encodeJson(claims())}`;
    const token = `${input}.${base64url.encode(new Uint8Array(64))}`;
    const error = await t.verify(token).catch((e: unknown) => e);
    expect(error instanceof TokenError && error.reason).toBe("SIGNATURE_INVALID");
  });

  it("rejects a token whose alg differs from the alg its kid was published for", async () => {
    const t = createVerifierUnderTest(server.url, ["EdDSA", "ES256"]);
    const [, payload, signature] = (await sign("ES256")).split(".");
    const token = `${encodeJson({ alg: "ES256", kid: "kid-EdDSA" })}.${payload}.${signature}`;
    const error = await t.verify(token).catch((e: unknown) => e);
    expect(error instanceof TokenError && error.reason).toBe("KID_UNKNOWN");
  });
});
