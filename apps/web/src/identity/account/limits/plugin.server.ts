import { createHash, timingSafeEqual } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { z } from "zod";
import { type Counter, createCounter, type Rule } from "./counter.server";
import { accountLimitSchema } from "./schema";

export type AccountLimitOptions = {
  /** Failed sign-ins one account takes, from every address together, per window. */
  signInFailures: Rule;
  /** Requests per account to an endpoint that checks the password. */
  passwordChecks: Rule;
  /** Requests per account to an endpoint that changes the account or its sessions. */
  accountChanges: Rule;
};

const PASSWORD_CHECKS = new Set(["/change-password", "/delete-user", "/change-email"]);
const ACCOUNT_CHANGES = new Set([
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/update-user",
]);

/**
 * A browser that signed into an account keeps proof of it (signed, HttpOnly;
 * Better Auth's prefix and `__Secure-` rules, like its own cookies).
 */
const KNOWN_DEVICE_COOKIE = "known_device";
const KNOWN_DEVICE_MAX_AGE = 400 * 24 * 60 * 60;

const SignInBody = z.object({ email: z.string() });

/** Emails are counted by digest: the table and Redis hold no address. */
function accountOf(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function tooMany(retryAfterSeconds: number, message: string): APIError {
  const retry = String(Math.max(1, retryAfterSeconds));
  return new APIError(
    "TOO_MANY_REQUESTS",
    { code: "TOO_MANY_ATTEMPTS", message },
    { "Retry-After": retry, "X-Retry-After": retry },
  );
}

/**
 * Limits per account, on top of Better Auth's limits per client address
 * (decision 029):
 * - failed sign-ins to one email from every address together; past the limit
 *   the email refuses sign-in until its window ends, except from a browser
 *   that has signed into it before, so strangers cannot lock the owner out of
 *   their own devices;
 * - requests per signed-in account to the endpoints that check the password
 *   or change the account and its sessions.
 */
export function accountLimits(options: AccountLimitOptions) {
  let counter: Counter | undefined;
  const count = (): Counter => {
    if (!counter) throw new Error("accountLimits: used before init");
    return counter;
  };
  return {
    id: "taskgate-account-limits",
    schema: accountLimitSchema,
    init(ctx) {
      counter = createCounter(ctx.adapter, ctx.secondaryStorage);
    },
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const body = SignInBody.safeParse(ctx.body);
            if (!body.success) return;
            const account = accountOf(body.data.email);
            const { count: failures, retryAfterSeconds } = await count().read(
              `sign-in-failures:${account}`,
              options.signInFailures,
            );
            if (failures < options.signInFailures.max) return;
            const cookie = ctx.context.createAuthCookie(KNOWN_DEVICE_COOKIE);
            const known = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
            if (typeof known === "string" && sameDigest(known, account)) return;
            throw tooMany(
              retryAfterSeconds,
              "Too many failed sign-ins for this account. Try again later.",
            );
          }),
        },
        {
          matcher: (ctx) =>
            PASSWORD_CHECKS.has(ctx.path ?? "") || ACCOUNT_CHANGES.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const session = await getSessionFromCtx(ctx);
            // No session: the endpoint itself answers 401.
            if (!session) return;
            const path = ctx.path ?? "";
            const rule = PASSWORD_CHECKS.has(path)
              ? options.passwordChecks
              : options.accountChanges;
            const used = await count().add(`account:${session.user.id}:${path}`, rule);
            if (used > rule.max) {
              throw tooMany(
                rule.windowSeconds,
                "Too many requests for this account. Try again later.",
              );
            }
          }),
        },
      ],
      after: [
        {
          // Signing up signs in too, so that browser is known from then on.
          matcher: (ctx) => ctx.path === "/sign-in/email" || ctx.path === "/sign-up/email",
          handler: createAuthMiddleware(async (ctx) => {
            const body = SignInBody.safeParse(ctx.body);
            if (!body.success) return;
            const account = accountOf(body.data.email);
            const returned: unknown = ctx.context.returned;
            if (isAPIError(returned)) {
              // Only a wrong password (or unknown email) counts, never a refusal.
              if (ctx.path === "/sign-in/email" && returned.statusCode === 401) {
                await count().add(`sign-in-failures:${account}`, options.signInFailures);
              }
              return;
            }
            const cookie = ctx.context.createAuthCookie(KNOWN_DEVICE_COOKIE, {
              path: "/api/auth",
              maxAge: KNOWN_DEVICE_MAX_AGE,
            });
            await ctx.setSignedCookie(cookie.name, account, ctx.context.secret, cookie.attributes);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
