import { base64url } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claims,
  createTestKey,
  encodeJson,
  signHs256,
  signRaw,
  startTestServer,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestKey,
  type TestServer,
  unsigned,
} from "../auth/testing/jwks-fixture.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// The J cases end to end: a hostile token on a route that would query the
// database must be a 401 before any query and without contacting anyone.

let t: TestApp;
let attacker: TestKey;
let attackerHost: TestServer;

beforeAll(async () => {
  t = await createTestApp();
  attacker = await createTestKey("test-key-1"); // same kid as the real key
  attackerHost = await startTestServer([attacker.publicJwk]);
  await t.jwks.warmUp();
});

afterAll(async () => {
  await t.close();
  await attackerHost.close();
});

const now = () => Math.floor(Date.now() / 1000);
const real = (overrides: Record<string, unknown> = {}, omit: string[] = []) =>
  signRaw(t.key, claims(overrides, omit));
const resign = async (header: Record<string, unknown>) => signRaw(t.key, claims(), header);

const call = (token: string) =>
  t.app.inject({ url: "/api/user-a/tasks", headers: { authorization: `Bearer ${token}` } });

type Case = readonly [string, string, () => Promise<string> | string];

const REFUSED: Case[] = [
  [
    "J1",
    "alg none with an empty signature",
    () => unsigned({ alg: "none", kid: "test-key-1" }, claims()),
  ],
  ["J2", "alg None", () => unsigned({ alg: "None", kid: "test-key-1" }, claims(), "AAAA")],
  ["J2", "alg NONE", () => unsigned({ alg: "NONE", kid: "test-key-1" }, claims(), "AAAA")],
  ["J2", "alg nOnE", () => unsigned({ alg: "nOnE", kid: "test-key-1" }, claims(), "AAAA")],
  ["J3", "an empty signature segment", async () => (await real()).replace(/[^.]+$/, "")],
  [
    "J4",
    "EdDSA with a 64-byte all-zero signature",
    () =>
      unsigned({ alg: "EdDSA", kid: "test-key-1" }, claims(), base64url.encode(new Uint8Array(64))),
  ],
  [
    "J5",
    "HS256 keyed with the JWK n bytes",
    () => signHs256(base64url.decode(String(t.key.publicJwk.n)), claims(), "test-key-1"),
  ],
  [
    "J5",
    "HS256 keyed with the JWKS JSON",
    () => signHs256(JSON.stringify({ keys: [t.key.publicJwk] }), claims(), "test-key-1"),
  ],
  ["J5", "HS256 keyed with an empty string", () => signHs256("", claims(), "test-key-1")],
  ["J5", "HS256 keyed with 'secret'", () => signHs256("secret", claims(), "test-key-1")],
  [
    "J6",
    "an attacker key embedded as jwk with the real kid",
    () => signRaw(attacker, claims(), { jwk: attacker.publicJwk }),
  ],
  [
    "J9",
    "sub changed from A to B with the original signature",
    async () => {
      const [header, , signature] = (await real({ sub: "user-b" })).split(".");
      return `${header}.${encodeJson(claims())}.${signature}`;
    },
  ],
  ["J10", "crit with an unknown extension", () => resign({ crit: ["x-unknown"], "x-unknown": 1 })],
  ["J11", "aud = the issuer (Better Auth's default)", () => real({ aud: TEST_ISSUER })],
  [
    "J12",
    "a Better Auth session-cache JWT",
    () =>
      signRaw(t.key, claims({ aud: "better-auth:session-cache" }), {
        typ: "better-auth.session-cache+jwt",
      }),
  ],
  ["J13", "exp 10 minutes ago", () => real({ exp: now() - 600 })],
  ["J13", "exp 31 s ago", () => real({ exp: now() - 31 })],
  ["J14", "no exp", () => real({}, ["exp"])],
  ["J15", "nbf in 5 minutes", () => real({ nbf: now() + 300 })],
  ["J15", "iat in 1 hour", () => real({ iat: now() + 3600 })],
  ["J16", "iss https://evil.example", () => real({ iss: "https://evil.example" })],
  [
    "J16",
    "a token of another deployment (its own key and kid)",
    async () => signRaw(await createTestKey("other-deployment"), claims()),
  ],
  ["J17", "a numeric sub", () => real({ sub: 12345 })],
  ["J17", "an empty sub", () => real({ sub: "" })],
  ["J17", "no sub", () => real({}, ["sub"])],
  [
    "J18",
    "the JWS JSON serialization",
    async () => {
      const [p, pl, s] = (await real()).split(".");
      return JSON.stringify({ protected: p, payload: pl, signature: s });
    },
  ],
  ["J18", "2 segments", async () => (await real()).split(".").slice(0, 2).join(".")],
  ["J18", "4 segments", async () => `${await real()}.AAAA`],
  ["J18", "a 5-segment JWE", () => "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"],
  ["J18", "a nested JWT (cty: JWT)", async () => resign({ cty: "JWT" })],
];

describe("J1-J18: hostile tokens through the app", () => {
  it.each(REFUSED)(
    "%s: %s answers 401 invalid_token with no DB query",
    async (_id, _name, make) => {
      const before = t.queryCount();
      const res = await call(await make());
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
      expect(res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
      expect(t.queryCount()).toBe(before);
    },
  );

  it.each([
    [
      "J11",
      "an aud array containing the api audience",
      () => real({ aud: ["other", TEST_AUDIENCE] }),
    ],
    ["J13", "exp 10 s ago (within the 30 s tolerance)", () => real({ exp: now() - 10 })],
  ] as Case[])("%s: %s answers 200", async (_id, _name, make) => {
    expect((await call(await make())).statusCode).toBe(200);
  });
});

describe("J7, J8: headers and kids that point elsewhere", () => {
  it.each(["jku", "x5u"])(
    "J7: an attacker-signed token with %s is 401 with 0 requests to the attacker host",
    async (name) => {
      const before = { attacker: attackerHost.requests, jwks: t.server.requests };
      const res = await call(await signRaw(attacker, claims(), { [name]: attackerHost.url }));
      expect(res.statusCode).toBe(401);
      expect(attackerHost.requests).toBe(before.attacker);
      expect(t.server.requests).toBe(before.jwks);
    },
  );

  it.each([
    ["a path", "../../../../dev/null"],
    ["SQL", "' OR '1'='1"],
    ["pg_sleep", "x'; SELECT pg_sleep(10)--"],
    ["a shell command", "$(curl attacker)"],
    ["the attacker's URL", "http://127.0.0.1:1/jwks.json"],
    ["a 10 KB string", "k".repeat(10_240)],
    ["the number 1", 1],
  ] as const)(
    "J8: kid = %s answers 401 fast, no DB, no outbound request, at most 1 JWKS refetch",
    async (_name, kid) => {
      const before = {
        q: t.queryCount(),
        attacker: attackerHost.requests,
        jwks: t.server.requests,
      };
      const started = performance.now();
      const res = await call(await resign({ kid }));
      expect(res.statusCode).toBe(401);
      expect(performance.now() - started).toBeLessThan(500);
      expect(t.queryCount()).toBe(before.q);
      expect(attackerHost.requests).toBe(before.attacker);
      expect(t.server.requests - before.jwks).toBeLessThanOrEqual(1);
    },
  );
});
