import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { z } from "zod";

const WithPassword = z.object({ password: z.string().min(1) });

/**
 * Account deletion always asks for the password. Better Auth checks a password
 * when one is sent, but without one it deletes any session younger than
 * `freshAge`, so a borrowed, unlocked browser could delete the account.
 */
export function deleteRequiresPassword() {
  return {
    id: "taskgate-delete-requires-password",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/delete-user",
          handler: createAuthMiddleware(async (ctx) => {
            if (WithPassword.safeParse(ctx.body).success) return;
            throw APIError.from("BAD_REQUEST", {
              code: "PASSWORD_REQUIRED",
              message: "Enter your password to delete your account",
            });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
