import { JwksCache } from "../jwks-cache.js";
import {
  createTokenVerifier,
  type TokenVerifier,
  type TokenVerifierOptions,
} from "../verify-token.js";
import {
  createTestKey,
  startTestServer,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestKey,
  type TestServer,
} from "./jwks-fixture.js";

export interface VerifierUnderTest {
  cache: JwksCache;
  verify: TokenVerifier;
  /** Moves the cache's clock (cooldown and staleness), not the token clock. */
  advance(ms: number): void;
}

export const TEST_JWKS_TIMING = {
  cooldownMs: 30_000,
  cacheMaxAgeMs: 600_000,
  maxStaleMs: 86_400_000,
  timeoutMs: 2000,
};

/** A verifier of the test issuer's RS256 tokens for the test audience, with the api's default bounds. */
export function createTestVerifier(
  jwks: JwksCache,
  options: Partial<TokenVerifierOptions> = {},
): TokenVerifier {
  return createTokenVerifier({
    jwks,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    algorithms: ["RS256"],
    clockToleranceSeconds: 30,
    maxTokenAgeSeconds: 3600,
    ...options,
  });
}

export function createVerifierUnderTest(
  url: string,
  algorithms: readonly string[] = ["RS256"],
): VerifierUnderTest {
  let now = 1_000_000_000;
  const cache = new JwksCache({ url, algorithms, ...TEST_JWKS_TIMING, now: () => now });
  return {
    cache,
    verify: createTestVerifier(cache, { algorithms }),
    advance(ms) {
      now += ms;
    },
  };
}

export interface LoadedJwks {
  key: TestKey;
  /** Serves the key's JWKS; close it after the test. */
  server: TestServer;
  jwks: JwksCache;
}

/**
 * A key, its JWKS served over HTTP, and a cache that has already loaded it, as
 * at api start (a token verified before any key set is known is not cached).
 */
export async function startLoadedJwks(now?: () => number): Promise<LoadedJwks> {
  const key = await createTestKey();
  const server = await startTestServer([key.publicJwk]);
  const jwks = new JwksCache({
    url: server.url,
    algorithms: ["RS256"],
    ...TEST_JWKS_TIMING,
    ...(now && { now }),
  });
  await jwks.warmUp();
  return { key, server, jwks };
}
