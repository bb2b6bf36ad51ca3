import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { INVALID_NAME } from "../../lib/account-rules/refusals";
import { NameSchema } from "../../lib/account-rules/schemas";

const PATHS = new Set(["/sign-up/email", "/update-user"]);

/**
 * A display name follows the account rule (lib/account-rules: 1..100
 * characters once trimmed) and is stored trimmed, whoever sends it: the forms
 * check the same schema, but Better Auth itself takes any string of any length.
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
            const name = NameSchema.safeParse(body.name);
            if (!name.success) throw APIError.from("BAD_REQUEST", { ...INVALID_NAME });
            return { context: { body: { ...body, name: name.data } } };
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
