import type { WebConfig } from "../../server/config.server";

/** Session-bound reads: high enough never to bind a real site sharing one bucket. */
const SESSION_READ_RULE = { window: 10, max: 10_000 };

/** Per client: requests that change the account or end sessions (a person clicks them). */
const ACCOUNT_CHANGE_RULE = { window: 60, max: 30 };

/**
 * Better Auth's `rateLimit` option: per client address and path (see
 * ./client-address-options.server for what the address is). Per-account
 * limits are the accountLimits plugin's (decision 029).
 */
export function rateLimitOptions(config: WebConfig, sharedStorage: boolean) {
  const credentials = {
    window: config.authRateLimit.windowSeconds,
    max: config.authRateLimit.max,
  };
  return {
    // On in every environment (Better Auth's default is production only),
    // and in shared storage so every instance counts the same attempts:
    // Redis when configured, else the database.
    enabled: true,
    storage: sharedStorage ? "secondary-storage" : "database",
    customRules: {
      "/sign-in/email": credentials,
      "/sign-up/email": credentials,
      // A password check with a stolen cookie is as guessable as a sign-in.
      "/delete-user": credentials,
      "/change-password": credentials,
      "/change-email": credentials,
      // Per client here, per account in accountLimits (decision 029).
      "/revoke-session": ACCOUNT_CHANGE_RULE,
      "/revoke-sessions": ACCOUNT_CHANGE_RULE,
      "/revoke-other-sessions": ACCOUNT_CHANGE_RULE,
      "/update-user": ACCOUNT_CHANGE_RULE,
      // Signing out must always work, whatever other clients did: it only
      // ends the session its own cookie names, and with no valid cookie it
      // does nothing, so there is nothing to guess or exhaust.
      "/sign-out": false,
      // The api refetches keys on an unknown kid; public keys need no throttle.
      "/jwks": false,
      // Every api instance polls it every 2 s, and without trusted proxies
      // all of them share one bucket.
      "/revocations": false,
      // Session-bound reads. Without trusted proxies every client shares one
      // bucket per path (decision 016), so Better Auth's default (100 per
      // 10 s) would be a limit for the whole site: a busy minute of page
      // loads would get 429 on /token. They need a valid session cookie,
      // which is the real gate. Raised rather than switched off: the
      // limiter's storage check runs first, so a database outage answers
      // 503 here instead of Better Auth's "no session" 401 (F11).
      "/token": SESSION_READ_RULE,
      "/get-session": SESSION_READ_RULE,
      "/list-sessions": SESSION_READ_RULE,
    },
  } as const;
}
