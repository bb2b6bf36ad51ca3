import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { PASSWORD_REQUIRED } from "../../lib/account-rules/refusals";
import { DeleteAccountSchema } from "../../lib/account-rules/schemas";

/**
 * Account deletion always asks for the password (the account rule the delete
 * dialog checks too). Better Auth checks a password when one is sent, but
 * without one it deletes any session younger than `freshAge`, so a borrowed,
 * unlocked browser could delete the account.
 */
export function deleteRequiresPassword() {
  return {
    id: "taskgate-delete-requires-password",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/delete-user",
          handler: createAuthMiddleware(async (ctx) => {
            if (DeleteAccountSchema.safeParse(ctx.body).success) return;
            throw APIError.from("BAD_REQUEST", { ...PASSWORD_REQUIRED });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
