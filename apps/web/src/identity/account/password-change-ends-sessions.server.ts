import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";

/**
 * A password change ends every other session of the account, whatever the
 * request's `revokeOtherSessions` says: a stolen session must not outlive
 * the password it was opened with. Better Auth deletes them through the
 * session delete hook, so the revocation feed carries each one.
 */
export function passwordChangeEndsOtherSessions() {
  return {
    id: "taskgate-password-change-ends-sessions",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/change-password",
          handler: createAuthMiddleware(async (ctx) => {
            const body: unknown = ctx.body;
            if (typeof body !== "object" || body === null) return;
            return { context: { body: { ...body, revokeOtherSessions: true } } };
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
