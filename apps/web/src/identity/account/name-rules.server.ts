import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { z } from "zod";

/** The bounds the register form and the account page show (features/auth/credentials-schema.ts). */
export const NAME_MAX_LENGTH = 100;

const Name = z.string().trim().min(1).max(NAME_MAX_LENGTH);
const PATHS = new Set(["/sign-up/email", "/update-user"]);

/**
 * A display name is 1..100 characters once trimmed, and is stored trimmed,
 * whoever sends it: the forms check the same bounds, but Better Auth itself
 * takes any string of any length.
 */
export function nameRules() {
  return {
    id: "taskgate-name-rules",
    hooks: {
      before: [
        {
          matcher: (ctx) => PATHS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const body: unknown = ctx.body;
            if (typeof body !== "object" || body === null || !("name" in body)) return;
            const name = Name.safeParse(body.name);
            if (!name.success) {
              throw APIError.from("BAD_REQUEST", {
                code: "INVALID_NAME",
                message: `Use a name of 1 to ${NAME_MAX_LENGTH} characters`,
              });
            }
            return { context: { body: { ...body, name: name.data } } };
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
