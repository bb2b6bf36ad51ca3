import type { BetterAuthPluginDBSchema } from "better-auth/db";

/** The table Better Auth migrates for the revocation plugin. */
export const REVOCATION_MODEL = "revocation";
/** Why a session ended, for the device that held it (session-endings.server.ts). */
export const SESSION_ENDING_MODEL = "sessionEnding";

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
  [SESSION_ENDING_MODEL]: {
    fields: {
      /** SHA-256 of the ended session's token: looked up from the cookie that still holds it. */
      tokenHash: { type: "string", required: true, input: false, index: true },
      /** A login reason: "session-revoked", "password-changed" or "account-deleted". */
      cause: { type: "string", required: true, input: false },
      /** The session's own expiry: after it, "your session has ended" is the truth anyway. */
      expiresAt: { type: "number", bigint: true, required: true, input: false, index: true },
    },
  },
} satisfies BetterAuthPluginDBSchema;
