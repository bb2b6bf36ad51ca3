import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TokenError } from "./errors.js";
import type { JwksCache } from "./jwks-cache.js";
import {
  claims,
  createTestKey,
  signRaw,
  type TestKey,
  type TestServer,
} from "./testing/jwks-fixture.js";
import { createTestVerifier, startLoadedJwks, TEST_JWKS_TIMING } from "./testing/verifier-setup.js";

let key: TestKey;
let server: TestServer;
let nowMs: number;
let jwks: JwksCache;

function verifier(cacheSize?: number) {
  return createTestVerifier(jwks, {
    now: () => new Date(nowMs),
    ...(cacheSize === undefined ? {} : { cacheSize }),
  });
}

const seconds = () => Math.floor(nowMs / 1000);
const token = (overrides: Record<string, unknown> = {}) =>
  signRaw(key, claims({ iat: seconds(), exp: seconds() + 900, ...overrides }));

beforeEach(async () => {
  nowMs = Date.now();
  ({ key, server, jwks } = await startLoadedJwks(() => nowMs));
});

afterEach(() => server.close());

describe("verified-token cache", () => {
  it("serves a repeat of a verified token without verifying its signature again", async () => {
    const verify = verifier();
    const getKey = vi.spyOn(jwks, "getKey");
    const good = await token();
    const first = await verify(good);
    const second = await verify(good);
    expect(second).toEqual(first);
    expect(getKey).toHaveBeenCalledTimes(1);
  });

  it("never caches a failure: a forged token is checked, and refused, every time", async () => {
    const verify = verifier();
    const getKey = vi.spyOn(jwks, "getKey");
    const good = await token();
    const forged = `${good.slice(0, good.lastIndexOf(".") + 1)}${"A".repeat(342)}`;
    for (let i = 0; i < 3; i += 1) await expect(verify(forged)).rejects.toBeInstanceOf(TokenError);
    expect(getKey).toHaveBeenCalledTimes(3);
  });

  it("J13: never serves a token past its exp, even though it was cached", async () => {
    const verify = verifier();
    const shortLived = await token({ exp: seconds() + 60 });
    await verify(shortLived);
    nowMs += 60_000 + 31_000; // past exp and past the 30 s tolerance
    await expect(verify(shortLived)).rejects.toMatchObject({ reason: "TOKEN_EXPIRED" });
  });

  it("F7: a key set reload (rotation, emergency revocation) re-verifies cached tokens", async () => {
    const verify = verifier();
    const good = await token();
    await verify(good);
    // The compromised key is gone; only its replacement is published.
    const replacement = await createTestKey("test-key-2");
    server.serveKeys([replacement.publicJwk]);
    await jwks.reload();
    await expect(verify(good)).rejects.toMatchObject({ reason: "KID_UNKNOWN" });
  });

  it("F2: once the keys are older than the staleness bound a cached token is not trusted (503)", async () => {
    const verify = verifier();
    const good = await token({ exp: seconds() + 900 });
    await verify(good);
    await server.stop();
    nowMs += TEST_JWKS_TIMING.maxStaleMs + 1;
    await expect(verify(good)).rejects.toMatchObject({ name: "JwksUnavailableError" });
  });

  it("the strict format check still runs on every request", async () => {
    const verify = verifier();
    const good = await token();
    await verify(good);
    await expect(verify(`${good}.`)).rejects.toMatchObject({ reason: "TOKEN_MALFORMED" });
    await expect(verify(` ${good}`)).rejects.toMatchObject({ reason: "TOKEN_MALFORMED" });
  });

  it("keeps memory bounded: never more entries than its size", async () => {
    const verify = verifier(5);
    const getKey = vi.spyOn(jwks, "getKey");
    const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => token({ sub: `u${i}` })));
    for (const t of tokens) await verify(t);
    // The oldest were evicted: verifying them again needs the key again.
    await verify(tokens[0] ?? "");
    expect(getKey).toHaveBeenCalledTimes(13);
  });

  it("can be turned off", async () => {
    const verify = verifier(0);
    const getKey = vi.spyOn(jwks, "getKey");
    const good = await token();
    await verify(good);
    await verify(good);
    expect(getKey).toHaveBeenCalledTimes(2);
  });
});
