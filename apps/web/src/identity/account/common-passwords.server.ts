import { dictionary } from "@zxcvbn-ts/language-common";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { PASSWORD_TOO_COMMON } from "../../lib/account-rules/refusals";

/** The field that carries the password being chosen, by Better Auth endpoint. */
const NEW_PASSWORD_FIELD: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

// About 49,000 passwords seen most in breaches, from zxcvbn-ts's maintained
// list (no network). Server only: the list is far too big for the browser.
let common: ReadonlySet<string> | undefined;

/** Whether `password` is on the list of commonly used passwords (case does not help). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase()));
  return common.has(password.toLowerCase());
}

/**
 * NIST SP 800-63B 3.1.1.2: a new password that is on a list of commonly used
 * or breached values is refused, whoever sends it (sign-up, change, reset).
 */
export function commonPasswordRule() {
  return {
    id: "taskgate-common-passwords",
    hooks: {
      before: [
        {
          matcher: (ctx) => (ctx.path ?? "") in NEW_PASSWORD_FIELD,
          handler: createAuthMiddleware(async (ctx) => {
            const field = NEW_PASSWORD_FIELD[ctx.path ?? ""];
            const body: unknown = ctx.body;
            if (!field || typeof body !== "object" || body === null) return;
            const password: unknown = (body as Record<string, unknown>)[field];
            if (typeof password !== "string" || !isCommonPassword(password)) return;
            throw APIError.from("BAD_REQUEST", { ...PASSWORD_TOO_COMMON });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
