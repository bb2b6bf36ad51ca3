import { base64url } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JwksUnavailableError, TokenError, type TokenReason } from "./errors.js";
import {
  claims,
  createTestKey,
  encodeJson,
  signHs256,
  signRaw,
  startTestServer,
  TEST_ISSUER,
  type TestKey,
  type TestServer,
  unsigned,
} from "./testing/jwks-fixture.js";
import { createVerifierUnderTest, type VerifierUnderTest } from "./testing/verifier-setup.js";

let key: TestKey;
let attacker: TestKey;
let jwks: TestServer;
let attackerHost: TestServer;
let t: VerifierUnderTest;

const now = () => Math.floor(Date.now() / 1000);

async function expectRefused(token: string, reason: TokenReason | TokenReason[]): Promise<void> {
  const error = await t.verify(token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  const reasons = Array.isArray(reason) ? reason : [reason];
  expect(reasons).toContain(error instanceof TokenError ? error.reason : undefined);
}

beforeAll(async () => {
  key = await createTestKey("real-kid");
  attacker = await createTestKey("real-kid");
  jwks = await startTestServer([key.publicJwk]);
  attackerHost = await startTestServer([attacker.publicJwk]);
});

afterAll(async () => {
  await jwks.close();
  await attackerHost.close();
});

beforeEach(() => {
  jwks.serveKeys([key.publicJwk]);
  t = createVerifierUnderTest(jwks.url);
});

describe("verifyAccessToken: the good path", () => {
  it("accepts a correctly signed token and returns sub, sid and exp", async () => {
    const payload = claims();
    const result = await t.verify(await signRaw(key, payload));
    expect(result).toEqual({ sub: "user-a", sid: "session-a", exp: payload.exp });
  });

  it("accepts a token without sid", async () => {
    const result = await t.verify(await signRaw(key, claims({}, ["sid"])));
    expect(result.sid).toBeUndefined();
  });

  it("accepts typ JWT in the header", async () => {
    await expect(t.verify(await signRaw(key, claims(), { typ: "JWT" }))).resolves.toBeTruthy();
  });
});

describe("J1-J3, J5: algorithm attacks", () => {
  it("J1: rejects alg none with an empty signature", async () => {
    await expectRefused(unsigned({ alg: "none", kid: key.kid }, claims()), "TOKEN_MALFORMED");
  });

  it.each(["none", "None", "NONE", "nOnE"])(
    "J2: rejects alg %s even with a signature",
    async (alg) => {
      await expectRefused(unsigned({ alg, kid: key.kid }, claims(), "AAAA"), "ALG_NOT_ALLOWED");
    },
  );

  it("J3: rejects a valid header and payload with an empty signature segment", async () => {
    const [header, payload] = (await signRaw(key, claims())).split(".");
    await expectRefused(`${header}.${payload}.`, "TOKEN_MALFORMED");
  });

  it.each([
    ["the JWK n bytes", () => base64url.decode(String(key.publicJwk.n))],
    ["the JWKS JSON text", () => JSON.stringify({ keys: [key.publicJwk] })],
    ["an empty string", () => ""],
    ["'secret'", () => "secret"],
  ])("J5: rejects an HS256 token keyed with %s", async (_name, secret) => {
    await expectRefused(signHs256(secret(), claims(), key.kid), "ALG_NOT_ALLOWED");
  });

  it("J4: rejects an EdDSA token (not in the allowlist) with an all-zero signature", async () => {
    const zeros = base64url.encode(new Uint8Array(64));
    await expectRefused(
      unsigned({ alg: "EdDSA", kid: key.kid }, claims(), zeros),
      "ALG_NOT_ALLOWED",
    );
  });
});

describe("J6, J7, J10: headers that try to choose the key", () => {
  it("J6: rejects an attacker-signed token embedding its own jwk with the real kid", async () => {
    const token = await signRaw(attacker, claims(), { jwk: attacker.publicJwk });
    await expectRefused(token, "HEADER_FORBIDDEN");
  });

  it("J6: rejects an attacker-signed token with the real kid and no jwk header", async () => {
    await expectRefused(await signRaw(attacker, claims()), "SIGNATURE_INVALID");
  });

  it.each(["jku", "x5u"])("J7: rejects a %s header and never contacts that URL", async (name) => {
    const token = await signRaw(attacker, claims(), { [name]: attackerHost.url });
    const before = attackerHost.requests;
    await expectRefused(token, "HEADER_FORBIDDEN");
    expect(attackerHost.requests).toBe(before);
  });

  it("J6: rejects x5c and cty headers", async () => {
    await expectRefused(await signRaw(key, claims(), { x5c: ["MIIB"] }), "HEADER_FORBIDDEN");
    await expectRefused(await signRaw(key, claims(), { cty: "JWT" }), "HEADER_FORBIDDEN");
  });

  it("J10: rejects a correctly signed token with crit", async () => {
    const token = await signRaw(key, claims(), { crit: ["x-unknown"], "x-unknown": 1 });
    await expectRefused(token, "HEADER_FORBIDDEN");
  });

  it("J12: rejects a Better Auth session-cache token type", async () => {
    const token = await signRaw(key, claims({ aud: "better-auth:session-cache" }), {
      typ: "better-auth.session-cache+jwt",
    });
    await expectRefused(token, "HEADER_FORBIDDEN");
  });
});

describe("J8, J16: kid handling", () => {
  it.each([
    ["a path", "../../../../dev/null"],
    ["SQL", "' OR '1'='1"],
    ["pg_sleep", "x'; SELECT pg_sleep(10)--"],
    ["a shell command", "$(curl attacker)"],
  ])("J8: rejects kid = %s with at most one JWKS fetch", async (_name, kid) => {
    await expectRefused(await signRaw(key, claims(), { kid }), "KID_UNKNOWN");
    expect(jwks.requests).toBeGreaterThan(0);
    expect(t.cache.fetchCount).toBeLessThanOrEqual(1);
  });

  it("J8: rejects a 10 KB kid before any fetch", async () => {
    await expectRefused(
      await signRaw(key, claims(), { kid: "k".repeat(10_240) }),
      "TOKEN_MALFORMED",
    );
    expect(t.cache.fetchCount).toBe(0);
  });

  it("J8: rejects a numeric or empty kid before any fetch", async () => {
    await expectRefused(await signRaw(key, claims(), { kid: 1 }), "KID_INVALID");
    await expectRefused(await signRaw(key, claims(), { kid: "" }), "KID_INVALID");
    expect(t.cache.fetchCount).toBe(0);
  });

  it("J16: rejects a token from another deployment (unknown kid) after exactly one refetch", async () => {
    await t.verify(await signRaw(key, claims()));
    expect(t.cache.fetchCount).toBe(1);
    t.advance(31_000);
    const other = await createTestKey("other-deployment-kid");
    await expectRefused(await signRaw(other, claims()), "KID_UNKNOWN");
    expect(t.cache.fetchCount).toBe(2);
  });

  it("J16: rejects iss of another issuer even when signed with the real key", async () => {
    await expectRefused(
      await signRaw(key, claims({ iss: "https://evil.example" })),
      "ISSUER_MISMATCH",
    );
  });
});

describe("J9: tampering", () => {
  it("J9: rejects a payload whose sub was changed while keeping the signature", async () => {
    const [header, , signature] = (await signRaw(key, claims())).split(".");
    const forged = `${header}.${encodeJson(claims({ sub: "user-b" }))}.${signature}`;
    await expectRefused(forged, "SIGNATURE_INVALID");
  });
});

describe("J11: audience", () => {
  it("J11: rejects aud equal to the issuer (the Better Auth default)", async () => {
    await expectRefused(await signRaw(key, claims({ aud: TEST_ISSUER })), "AUDIENCE_MISMATCH");
  });

  it("J11: accepts an aud array that contains the api audience", async () => {
    const token = await signRaw(key, claims({ aud: ["other", "http://localhost:8000"] }));
    await expect(t.verify(token)).resolves.toMatchObject({ sub: "user-a" });
  });

  it("J11: rejects a token without aud", async () => {
    await expectRefused(await signRaw(key, claims({}, ["aud"])), "CLAIM_MISSING");
  });
});

describe("J13-J15: time claims", () => {
  it("J13: accepts exp 10 s in the past (within 30 s tolerance)", async () => {
    await expect(t.verify(await signRaw(key, claims({ exp: now() - 10 })))).resolves.toBeTruthy();
  });

  it.each([31, 600])("J13: rejects exp %i s in the past", async (ago) => {
    await expectRefused(await signRaw(key, claims({ exp: now() - ago })), "TOKEN_EXPIRED");
  });

  it("J14: rejects a correctly signed token without exp", async () => {
    await expectRefused(await signRaw(key, claims({}, ["exp"])), "CLAIM_MISSING");
  });

  it("J14: rejects a token without iat (required like exp)", async () => {
    await expectRefused(await signRaw(key, claims({}, ["iat"])), "CLAIM_MISSING");
  });

  it("J15: rejects nbf 5 minutes in the future", async () => {
    await expectRefused(await signRaw(key, claims({ nbf: now() + 300 })), "TOKEN_NOT_YET_VALID");
  });

  it("J15: rejects iat 1 hour in the future", async () => {
    await expectRefused(await signRaw(key, claims({ iat: now() + 3600 })), "TOKEN_NOT_YET_VALID");
  });

  it("J14: rejects a non-numeric exp", async () => {
    await expectRefused(await signRaw(key, claims({ exp: "tomorrow" })), "CLAIM_INVALID");
  });
});

describe("J17: subject", () => {
  it.each([
    ["numeric", { sub: 12345 }, []],
    ["empty", { sub: "" }, []],
    ["missing", {}, ["sub"]],
  ] as const)("J17 rejects a %s sub", async (_name, overrides, omit) => {
    await expectRefused(await signRaw(key, claims(overrides, omit)), [
      "SUB_INVALID",
      "CLAIM_MISSING",
    ]);
  });
});

describe("J18: serialization", () => {
  it.each([
    ["2 segments", "aGVhZGVy.cGF5bG9hZA"],
    ["4 segments", "a.b.c.d"],
    ["5-segment JWE", "a.b.c.d.e"],
    ["JSON serialization", JSON.stringify({ payload: "a", protected: "b", signature: "c" })],
    ["non-base64url characters", "a+b.c/d.e="],
    ["whitespace", "a.b.c "],
  ])("J18: rejects %s", async (_name, token) => {
    await expectRefused(token, "TOKEN_MALFORMED");
  });

  it("J18: rejects a 3-segment token whose header is not JSON", async () => {
    await expectRefused("bm90LWpzb24.e30.AAAA", "TOKEN_MALFORMED");
  });

  it("J21: rejects a token longer than 8 KiB before parsing it", async () => {
    await expectRefused(await signRaw(key, claims({ pad: "x".repeat(9000) })), "TOKEN_MALFORMED");
  });

  it("rejects an empty token", async () => {
    await expectRefused("", "TOKEN_MISSING");
  });
});

describe("F1: JWKS availability through the verifier", () => {
  it("F1: throws JwksUnavailableError (not a TokenError) when no key set ever loaded", async () => {
    const down = await startTestServer([key.publicJwk]);
    const cold = createVerifierUnderTest(down.url);
    await down.close();
    const error = await cold.verify(await signRaw(key, claims())).catch((e) => e);
    expect(error).toBeInstanceOf(JwksUnavailableError);
  });

  it("F2: keeps verifying after the JWKS server stops", async () => {
    const server = await startTestServer([key.publicJwk]);
    const warm = createVerifierUnderTest(server.url);
    await warm.verify(await signRaw(key, claims()));
    await server.close();
    warm.advance(3_600_000);
    await expect(warm.verify(await signRaw(key, claims()))).resolves.toMatchObject({
      sub: "user-a",
    });
  });

  it("F2: forged tokens stay 401 while the JWKS server is down", async () => {
    const server = await startTestServer([key.publicJwk]);
    const warm = createVerifierUnderTest(server.url);
    await warm.verify(await signRaw(key, claims()));
    await server.close();
    const error = await warm.verify(await signRaw(attacker, claims())).catch((e) => e);
    expect(error).toBeInstanceOf(TokenError);
  });
});
