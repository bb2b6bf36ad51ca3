import type { BetterAuthPluginDBSchema } from "better-auth/db";

/** The table Better Auth migrates for the revocation plugin. */
export const REVOCATION_MODEL = "revocation";

export const revocationSchema = {
  [REVOCATION_MODEL]: {
    fields: {
      /** "session" (subjectId is a session id, a token's `sid`) or "user" (a `sub`). */
      kind: { type: "string", required: true, input: false },
      subjectId: { type: "string", required: true, input: false },
      // Epoch milliseconds, as the feed publishes them: exact, and ordered
      // the same way on every engine.
      revokedAt: { type: "number", bigint: true, required: true, input: false, index: true },
      expiresAt: { type: "number", bigint: true, required: true, input: false },
    },
  },
} satisfies BetterAuthPluginDBSchema;
