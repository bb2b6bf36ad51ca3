import { createHmac } from "node:crypto";
import { base64url, calculateJwkThumbprint } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createProofKey, type ProofKey, proofClaims, signProof } from "../testing/dpop-fixture.js";
import { encodeJson } from "../testing/jwks-fixture.js";
import { DpopError, type DpopReason } from "./dpop-errors.js";
import { createMemoryReplayCache } from "./replay-cache.js";
import { accessTokenHash, createProofVerifier, PROOF_MAX_AGE_SECONDS } from "./verify-proof.js";

const API_URL = "http://localhost:8000";
const URL_PATH = "/api/user-a/tasks?limit=20";
const HTU = `${API_URL}/api/user-a/tasks`;
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWEifQ.c2lnbmF0dXJl";
const NOW_S = 2_000_000_000;
const TOLERANCE = 30;

let key: ProofKey;
let other: ProofKey;
beforeAll(async () => {
  [key, other] = await Promise.all([createProofKey(), createProofKey()]);
});

function setup() {
  let nowMs = NOW_S * 1000;
  const replay = createMemoryReplayCache({ now: () => nowMs });
  const verify = createProofVerifier({
    publicUrl: API_URL,
    replay,
    clockToleranceSeconds: TOLERANCE,
    now: () => nowMs,
  });
  return {
    replay,
    advance: (seconds: number) => {
      nowMs += seconds * 1000;
    },
    check: (
      proof: string,
      request: { method?: string; url?: string; token?: string; jkt?: string } = {},
    ) =>
      verify({
        proof,
        method: request.method ?? "GET",
        url: request.url ?? URL_PATH,
        ath: accessTokenHash(request.token ?? TOKEN),
        jkt: request.jkt ?? key.jkt,
      }),
  };
}

const good = (overrides: Record<string, unknown> = {}, omit: readonly string[] = []) =>
  proofClaims({ method: "GET", htu: HTU, token: TOKEN, iat: NOW_S }, overrides, omit);

async function refusal(promise: Promise<void>): Promise<{ reason: DpopReason; challenge: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DpopError)) throw new Error(`expected a DpopError, got ${String(error)}`);
  return { reason: error.reason, challenge: error.challenge };
}

describe("DPoP proof verification (RFC 9449 §4.3)", () => {
  it("accepts a good proof", async () => {
    await expect(setup().check(signProof(key, good()))).resolves.toBeUndefined();
  });

  it("J31: refuses a proof made with another key than the token's (invalid_token)", async () => {
    expect(await refusal(setup().check(signProof(other, good())))).toEqual({
      reason: "DPOP_KEY_MISMATCH",
      challenge: "invalid_token",
    });
  });

  it("J31: refuses a proof naming the bound key but signed by another", async () => {
    const forged = signProof(other, good(), { jwk: key.jwk });
    expect((await refusal(setup().check(forged))).reason).toBe("DPOP_SIGNATURE_INVALID");
  });

  it("J32: refuses a replayed jti, however soon or late within the window", async () => {
    const t = setup();
    const proof = signProof(key, good());
    await t.check(proof);
    expect(await refusal(t.check(proof))).toEqual({
      reason: "DPOP_JTI_REPLAYED",
      challenge: "invalid_dpop_proof",
    });
    t.advance(PROOF_MAX_AGE_SECONDS - 1);
    expect((await refusal(t.check(proof))).reason).toBe("DPOP_JTI_REPLAYED");
    // The same jti in a new proof (new iat, new signature) is a replay too.
    const again = signProof(key, good({ jti: "fixed" }));
    await t.check(again);
    const resigned = signProof(key, good({ jti: "fixed", iat: NOW_S + 5 }));
    expect((await refusal(t.check(resigned))).reason).toBe("DPOP_JTI_REPLAYED");
  });

  it("J32: a proof refused for another reason never fills the replay cache", async () => {
    const t = setup();
    const claims = good();
    await refusal(t.check(signProof(key, { ...claims, htm: "POST" })));
    expect(t.replay.size).toBe(0);
    await t.check(signProof(key, claims));
  });

  it.each(["POST", "get", "DELETE"])("J33: refuses htm %s on a GET", async (htm) => {
    expect((await refusal(setup().check(signProof(key, good({ htm }))))).reason).toBe(
      "DPOP_HTM_MISMATCH",
    );
  });

  it.each([
    ["another path", `${API_URL}/api/user-b/tasks`],
    ["another host", "http://evil.example:8000/api/user-a/tasks"],
    ["another port", "http://localhost:8001/api/user-a/tasks"],
    ["another scheme", "https://localhost:8000/api/user-a/tasks"],
    ["a trailing slash", `${HTU}/`],
    ["a relative URL", "/api/user-a/tasks"],
    ["userinfo", "http://user@localhost:8000/api/user-a/tasks"],
  ])("J34: refuses an htu with %s", async (_, htu) => {
    expect((await refusal(setup().check(signProof(key, good({ htu }))))).reason).toBe(
      "DPOP_HTU_MISMATCH",
    );
  });

  it.each([
    ["query and fragment", `${HTU}?limit=5#x`],
    ["an upper-case scheme and host", "HTTP://LOCALHOST:8000/api/user-a/tasks"],
    ["an explicit default port", "http://localhost:80/x"],
    ["percent-encoded unreserved characters", `${API_URL}/api/user%2Da/tasks`],
    ["dot segments", `${API_URL}/api/other/../user-a/tasks`],
  ])("accepts an htu that normalises to the request's URI: %s", async (name, htu) => {
    const request = name === "an explicit default port" ? { url: "/x" } : {};
    const t = name === "an explicit default port" ? setupAt("http://localhost") : setup();
    await expect(t.check(signProof(key, good({ htu })), request)).resolves.toBeUndefined();
  });

  it("J35: refuses an ath of another token, and a missing ath", async () => {
    const wrong = signProof(key, good({ ath: base64url.encode(new Uint8Array(32)) }));
    expect((await refusal(setup().check(wrong))).reason).toBe("DPOP_ATH_MISMATCH");
    const missing = signProof(key, good({}, ["ath"]));
    expect((await refusal(setup().check(missing))).reason).toBe("DPOP_CLAIM_INVALID");
  });

  it("J36: refuses a proof more than 60 s old, accepts one just younger", async () => {
    const old = signProof(key, good({ iat: NOW_S - PROOF_MAX_AGE_SECONDS - 1 }));
    expect((await refusal(setup().check(old))).reason).toBe("DPOP_IAT_TOO_OLD");
    const recent = signProof(key, good({ iat: NOW_S - PROOF_MAX_AGE_SECONDS + 1 }));
    await expect(setup().check(recent)).resolves.toBeUndefined();
  });

  it("J37: refuses a proof from beyond the clock tolerance, accepts one within it", async () => {
    const future = signProof(key, good({ iat: NOW_S + TOLERANCE + 1 }));
    expect((await refusal(setup().check(future))).reason).toBe("DPOP_IAT_IN_FUTURE");
    const skewed = signProof(key, good({ iat: NOW_S + TOLERANCE - 1 }));
    await expect(setup().check(skewed)).resolves.toBeUndefined();
  });

  it.each([["JWT"], ["DPOP+JWT"], ["at+jwt"], [undefined]])("J38: refuses typ %s", async (typ) => {
    const proof = signProof(key, good(), { typ });
    expect((await refusal(setup().check(proof))).reason).toBe("DPOP_TYP_INVALID");
  });

  it.each(["d", "p", "q", "dp", "dq", "qi", "k"])(
    "J39: refuses a jwk carrying the private member %s",
    async (member) => {
      const proof = signProof(key, good(), { jwk: { ...key.jwk, [member]: "AQAB" } });
      expect((await refusal(setup().check(proof))).reason).toBe("DPOP_JWK_PRIVATE");
    },
  );

  it.each(["HS256", "HS384", "HS512"])(
    "J40: refuses the symmetric alg %s, keyed with the public key's bytes",
    async (alg) => {
      const jwk = { kty: "oct", k: key.jwk.x };
      const input = `${encodeJson({ typ: "dpop+jwt", alg, jwk })}.${encodeJson(good())}`;
      const mac = createHmac("sha256", Buffer.from(String(key.jwk.x), "base64url"))
        .update(input)
        .digest("base64url");
      expect((await refusal(setup().check(`${input}.${mac}`))).reason).toBe("DPOP_ALG_NOT_ALLOWED");
    },
  );

  it.each(["none", "None", "NONE", "RS256", "EdDSA", "es256"])(
    "J41: refuses the alg %s",
    async (alg) => {
      const input = `${encodeJson({ typ: "dpop+jwt", alg, jwk: key.jwk })}.${encodeJson(good())}`;
      expect((await refusal(setup().check(`${input}.AAAA`))).reason).toBe("DPOP_ALG_NOT_ALLOWED");
      // The "none" form proper, with an empty signature, is not even a compact JWS.
      expect((await refusal(setup().check(`${input}.`))).reason).toBe("DPOP_PROOF_MALFORMED");
    },
  );

  it("J49: refuses a proof whose claims were changed after signing", async () => {
    const proof = signProof(key, good({ htm: "POST" }));
    const [h, , s] = proof.split(".");
    const tampered = `${h}.${encodeJson(good())}.${s}`;
    expect((await refusal(setup().check(tampered))).reason).toBe("DPOP_SIGNATURE_INVALID");
  });

  it.each([
    ["two segments", "a.b"],
    ["four segments", "a.b.c.d"],
    ["non-base64url characters", "a+b.c.d"],
    ["a header that is not JSON", `${base64url.encode("nope")}.e30.AAAA`],
    ["a header that is an array", `${base64url.encode("[]")}.e30.AAAA`],
    ["5 KB", `${"a".repeat(5000)}.b.c`],
    ["an empty value", ""],
  ])("J49: refuses a malformed proof: %s", async (_, proof) => {
    expect((await refusal(setup().check(proof))).reason).toBe("DPOP_PROOF_MALFORMED");
  });

  it.each([
    ["crit", { crit: ["exp"] }],
    ["jku", { jku: "https://evil.example/jwks" }],
    ["x5u", { x5u: "https://evil.example/cert" }],
  ])("J49: refuses a proof header naming %s", async (_, header) => {
    const proof = signProof(key, good(), header);
    expect((await refusal(setup().check(proof))).reason).toBe("DPOP_HEADER_FORBIDDEN");
  });

  it.each([
    ["no jwk", undefined],
    ["an RSA jwk", { kty: "RSA", n: "AQAB", e: "AQAB" }],
    ["a P-384 jwk", { ...{ kty: "EC", crv: "P-384" }, x: "a", y: "b" }],
    ["a point off the curve", { kty: "EC", crv: "P-256", x: "A".repeat(43), y: "A".repeat(43) }],
  ])("J49: refuses a proof with %s", async (_, jwk) => {
    const proof = signProof(key, good(), { jwk });
    // The thumbprint of that very jwk, so only the key itself is at fault.
    const jkt = jwk?.kty === "EC" ? await calculateJwkThumbprint(jwk) : "A".repeat(43);
    const { reason } = await refusal(setup().check(proof, { jkt }));
    expect(reason).toBe("DPOP_JWK_INVALID");
  });

  it.each([
    ["no jti", {}, ["jti"]],
    ["an empty jti", { jti: "" }, []],
    ["a 129-character jti", { jti: "j".repeat(129) }, []],
    ["a string iat", { iat: String(NOW_S) }, []],
    ["no htu", {}, ["htu"]],
    ["a numeric htm", { htm: 1 }, []],
  ])("J49: refuses a proof with %s", async (_, overrides, omit) => {
    const proof = signProof(key, good(overrides, omit));
    expect((await refusal(setup().check(proof))).reason).toBe("DPOP_CLAIM_INVALID");
  });
});

function setupAt(publicUrl: string) {
  const replay = createMemoryReplayCache({ now: () => NOW_S * 1000 });
  const verify = createProofVerifier({
    publicUrl,
    replay,
    clockToleranceSeconds: TOLERANCE,
    now: () => NOW_S * 1000,
  });
  return {
    check: (proof: string, request: { url?: string } = {}) =>
      verify({
        proof,
        method: "GET",
        url: request.url ?? URL_PATH,
        ath: accessTokenHash(TOKEN),
        jkt: key.jkt,
      }),
  };
}
