import type { AccountLimitOptions } from "./plugin.server";

/**
 * Per account, whatever the address (decision 029). Ten failed sign-ins per
 * 15 minutes slows a guess spread over many addresses to 960 a day; the
 * owner's known browsers are exempt, and a new one waits at most 15 minutes
 * after the failures stop.
 */
export const ACCOUNT_LIMITS: AccountLimitOptions = {
  signInFailures: { max: 10, windowSeconds: 15 * 60 },
  passwordChecks: { max: 10, windowSeconds: 10 * 60 },
  accountChanges: { max: 30, windowSeconds: 60 },
};
