import type { BetterAuthPluginDBSchema } from "better-auth/db";

/** The table of per-account counters (used when no Redis is configured). */
export const ACCOUNT_LIMIT_MODEL = "accountLimit";

export const accountLimitSchema = {
  [ACCOUNT_LIMIT_MODEL]: {
    fields: {
      /** What is counted and for whom, e.g. `sign-in-failures:<sha256 of the email>`. */
      key: { type: "string", required: true, unique: true, input: false },
      count: { type: "number", required: true, input: false },
      /** Epoch milliseconds at which the current window opened. */
      windowStart: { type: "number", bigint: true, required: true, input: false, index: true },
    },
  },
} satisfies BetterAuthPluginDBSchema;
