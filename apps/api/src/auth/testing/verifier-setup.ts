import { JwksCache } from "../jwks-cache.js";
import { createTokenVerifier, type TokenVerifier } from "../verify-token.js";
import { TEST_AUDIENCE, TEST_ISSUER } from "./jwks-fixture.js";

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

export function createVerifierUnderTest(
  url: string,
  algorithms: readonly string[] = ["RS256"],
): VerifierUnderTest {
  let now = 1_000_000_000;
  const cache = new JwksCache({ url, algorithms, ...TEST_JWKS_TIMING, now: () => now });
  const verify = createTokenVerifier({
    jwks: cache,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    algorithms,
    clockToleranceSeconds: 30,
    maxTokenAgeSeconds: 3600,
  });
  return {
    cache,
    verify,
    advance(ms) {
      now += ms;
    },
  };
}
