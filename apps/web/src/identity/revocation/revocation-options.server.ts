import type { WebConfig } from "../../server/config.server";
import { resolveFeedSecret } from "./feed-credential.server";

/**
 * How long the revocation feed serves an entry: a session's, until every token
 * it issued has expired (TTL, plus 60 s for the api's clock tolerance); an
 * account's, long enough for an api that was down to catch up.
 */
export function revocationOptions(config: WebConfig) {
  return {
    sessionEntryTtlMs: (config.jwtTtlSeconds + 60) * 1_000,
    userEntryTtlMs: 30 * 24 * 60 * 60 * 1_000,
    feedSecret: resolveFeedSecret(config),
  };
}
