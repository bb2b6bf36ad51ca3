import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JwksUnavailableError } from "./errors.js";
import { JwksCache, type JwksCacheOptions } from "./jwks-cache.js";
import {
  createTestKey,
  startTestServer,
  type TestKey,
  type TestServer,
} from "./testing/jwks-fixture.js";
import { TEST_JWKS_TIMING } from "./testing/verifier-setup.js";

let key: TestKey;
let server: TestServer;
let now: number;

function makeCache(overrides: Partial<JwksCacheOptions> = {}): JwksCache {
  return new JwksCache({
    url: server.url,
    algorithms: ["RS256"],
    ...TEST_JWKS_TIMING,
    now: () => now,
    ...overrides,
  });
}

beforeAll(async () => {
  key = await createTestKey("kid-1");
  server = await startTestServer();
});

afterAll(() => server.close());

beforeEach(() => {
  now = 1_000_000_000;
  server.serveKeys([key.publicJwk]);
});

describe("JwksCache", () => {
  it("loads keys by kid and reports isLoaded", async () => {
    const cache = makeCache();
    expect(cache.isLoaded()).toBe(false);
    const entry = await cache.getKey("kid-1");
    expect(entry?.alg).toBe("RS256");
    expect(cache.isLoaded()).toBe(true);
    expect(cache.fetchCount).toBe(1);
  });

  it("does not refetch for a known kid while the set is fresh", async () => {
    const cache = makeCache();
    await cache.getKey("kid-1");
    now += 60_000;
    await cache.getKey("kid-1");
    expect(cache.fetchCount).toBe(1);
  });

  it("F2: refreshes a set older than cacheMaxAge in the background, without blocking", async () => {
    const cache = makeCache();
    await cache.getKey("kid-1");
    now += TEST_JWKS_TIMING.cacheMaxAgeMs + 1;
    const served = await cache.getKey("kid-1");
    expect(served).toBeDefined();
    expect(cache.fetchCount).toBe(2);
  });

  it("F6: refetches at most once per cooldown for unknown kids", async () => {
    const cache = makeCache();
    await cache.getKey("kid-1");
    expect(await cache.getKey("unknown")).toBeUndefined();
    expect(cache.fetchCount).toBe(1);
    now += TEST_JWKS_TIMING.cooldownMs;
    expect(await cache.getKey("unknown")).toBeUndefined();
    expect(cache.fetchCount).toBe(2);
  });

  it("F6: shares one fetch among 50 concurrent unknown kids", async () => {
    const cache = makeCache();
    await cache.getKey("kid-1");
    now += TEST_JWKS_TIMING.cooldownMs;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => cache.getKey(`random-${i}`)),
    );
    expect(results.every((r) => r === undefined)).toBe(true);
    expect(cache.fetchCount).toBe(2);
  });

  it("F3: shares one fetch among concurrent cold-start callers", async () => {
    const cache = makeCache();
    await Promise.all(Array.from({ length: 20 }, () => cache.getKey("kid-1")));
    expect(cache.fetchCount).toBe(1);
  });

  it("F5: picks up a rotated key on an unknown kid after the cooldown", async () => {
    const cache = makeCache();
    await cache.getKey("kid-1");
    const rotated = await createTestKey("kid-2");
    server.serveKeys([key.publicJwk, rotated.publicJwk]);
    now += TEST_JWKS_TIMING.cooldownMs;
    expect(await cache.getKey("kid-2")).toBeDefined();
    expect(await cache.getKey("kid-1")).toBeDefined();
  });

  it("F2: keeps serving the last good keys while the web app is down, until maxStale", async () => {
    const down = await startTestServer([key.publicJwk]);
    const cache = makeCache({ url: down.url });
    await cache.getKey("kid-1");
    await down.close();
    now += TEST_JWKS_TIMING.cacheMaxAgeMs * 3;
    expect(await cache.getKey("kid-1")).toBeDefined();
    expect(cache.isLoaded()).toBe(true);
    now += TEST_JWKS_TIMING.maxStaleMs;
    expect(cache.isLoaded()).toBe(false);
    await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
  });

  it("F1: throws JwksUnavailableError when nothing ever loaded and the server is down", async () => {
    const down = await startTestServer();
    const cache = makeCache({ url: down.url });
    await down.close();
    await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(await cache.warmUp()).toBe(false);
  });

  it.each([
    [
      "HTML (captive portal)",
      { status: 200, body: "<html>login</html>", contentType: "text/html" },
    ],
    ["a 500", { status: 500, body: "{}" }],
    ['{"keys":"x"}', { status: 200, body: '{"keys":"x"}' }],
    ["an empty key list", { status: 200, body: '{"keys":[]}' }],
    ["a 404", { status: 404, body: "not found" }],
  ])("F4: treats %s as unavailable, never as a key set", async (_name, response) => {
    server.respond(response);
    const cache = makeCache();
    await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(cache.isLoaded()).toBe(false);
  });

  it("F4: keeps the last good set when a refresh returns garbage", async () => {
    const cache = makeCache();
    await cache.getKey("kid-1");
    server.respond({ status: 200, body: "<html>portal</html>", contentType: "text/html" });
    now += TEST_JWKS_TIMING.cooldownMs;
    expect(await cache.getKey("unknown")).toBeUndefined();
    expect(await cache.getKey("kid-1")).toBeDefined();
  });

  it("F4: refuses a JWK that carries private key material", async () => {
    const { privateKey } = await createTestKeyWithPrivate();
    server.serveKeys([privateKey]);
    await expect(makeCache().getKey("leaky")).rejects.toBeInstanceOf(JwksUnavailableError);
  });

  it("F4: skips the private JWK but keeps the good keys next to it", async () => {
    const { privateKey } = await createTestKeyWithPrivate();
    server.serveKeys([privateKey, key.publicJwk]);
    const cache = makeCache();
    expect(await cache.getKey("leaky")).toBeUndefined();
    expect(await cache.getKey("kid-1")).toBeDefined();
  });

  it("F4: drops a kid published twice (ambiguous)", async () => {
    const twin = await createTestKey("kid-1");
    const other = await createTestKey("kid-3");
    server.serveKeys([key.publicJwk, twin.publicJwk, other.publicJwk]);
    const cache = makeCache();
    expect(await cache.getKey("kid-1")).toBeUndefined();
    expect(await cache.getKey("kid-3")).toBeDefined();
  });

  it("F4: skips keys without kid, for encryption, or of an algorithm outside the allowlist", async () => {
    const { kid: _kid, ...noKid } = key.publicJwk;
    server.serveKeys([
      noKid,
      { ...key.publicJwk, kid: "enc", use: "enc" },
      { ...key.publicJwk, kid: "ps", alg: "PS256" },
      { kty: "oct", kid: "hmac", k: "c2VjcmV0", alg: "HS256" },
    ]);
    await expect(makeCache().getKey("enc")).rejects.toBeInstanceOf(JwksUnavailableError);
  });

  it("F3: gives up on a hanging JWKS endpoint after the timeout", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const cache = makeCache({ fetch: hanging, timeoutMs: 100 });
    const started = Date.now();
    await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("F1: retries a cold load sooner than the cooldown, so a late web app is picked up", async () => {
    server.respond({ status: 503, body: "starting" });
    const cache = makeCache();
    await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
    server.serveKeys([key.publicJwk]);
    await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(cache.fetchCount).toBe(1);
    now += 5000;
    expect(await cache.getKey("kid-1")).toBeDefined();
    expect(cache.fetchCount).toBe(2);
  });
});

async function createTestKeyWithPrivate() {
  const pair = await generateKeyPair("RS256", { extractable: true });
  const privateKey = { ...(await exportJWK(pair.privateKey)), kid: "leaky", alg: "RS256" };
  return { privateKey };
}

describe("JwksCache: a hostile JWKS endpoint", () => {
  it("F4: stops reading an endless body as soon as it passes 512 KiB, well before the fetch timeout", async () => {
    let written = 0;
    const endless = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once("drain", pump);
      };
      res.write('{"keys":[');
      pump();
    });
    await new Promise<void>((done) => endless.listen(0, "127.0.0.1", done));
    const { port } = endless.address() as AddressInfo;
    const reasons: string[] = [];
    const cache = makeCache({
      url: `http://127.0.0.1:${port}/jwks`,
      timeoutMs: 60_000,
      log: {
        info: () => {},
        warn: (obj) => reasons.push(String((obj as { reason?: string }).reason)),
      },
    });
    try {
      await expect(cache.getKey("kid-1")).rejects.toBeInstanceOf(JwksUnavailableError);
      expect(reasons).toEqual(["response body is too large"]);
      // Buffers in the socket and the stream hold a few chunks more, not megabytes.
      expect(written).toBeLessThan(8 * 1024 * 1024);
    } finally {
      endless.closeAllConnections();
      await new Promise((done) => endless.close(done));
    }
  });
});
