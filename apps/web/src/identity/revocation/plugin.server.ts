import { type BetterAuthPlugin, getCurrentAdapter } from "better-auth";
import { revocationFeedEndpoint } from "./feed-endpoint.server";
import { createPruner } from "./pruner.server";
import { revocationSchema } from "./schema";
import { endingCauseOf, pruneSessionEndings, recordSessionEnding } from "./session-endings.server";
import { type NewRevocation, pruneRevocations, recordRevocation } from "./store.server";

export type RevocationOptions = {
  /** How long a session entry is served: the longest token lifetime plus the api's clock tolerance. */
  sessionEntryTtlMs: number;
  /** How long an account-deletion entry is served: long enough for an api that was down to catch up. */
  userEntryTtlMs: number;
  /** The credential the api reads the feed with (feed-credential.server.ts). */
  feedSecret: string;
  /** Expired entries are deleted at most this often (default one minute). */
  pruneIntervalMs?: number;
};

/**
 * Records every session and account that ends (sign-out, revoke one, others
 * or all, a password change that revokes the other sessions, account
 * deletion) and publishes them at `GET /revocations` for the api, which then
 * refuses their tokens before they expire. See
 * docs/decisions/019-session-revocation.md.
 */
export function revocation(options: RevocationOptions) {
  let pruner: ReturnType<typeof createPruner> | undefined;
  return {
    id: "taskgate-revocation",
    schema: revocationSchema,
    init(ctx) {
      pruner = createPruner(async () => {
        const now = Date.now();
        await pruneRevocations(ctx.adapter, now);
        await pruneSessionEndings(ctx.adapter, now);
      }, options.pruneIntervalMs ?? 60_000);
      // Inside a transaction (a password change revoking the other sessions)
      // the entry is written in that transaction: it commits or rolls back
      // with the deletion.
      const record = async (
        entry: NewRevocation,
        ending?: Parameters<typeof recordSessionEnding>[1],
      ) => {
        const adapter = await getCurrentAdapter(ctx.adapter);
        await recordRevocation(adapter, entry);
        if (ending) await recordSessionEnding(adapter, ending);
        void pruner?.maybePrune();
      };
      // `before`, not `after`: Better Auth runs these hooks before it deletes
      // the row (once per row, bulk deletes included) and does not delete it
      // when a hook throws. A failed write therefore fails closed: the session
      // or account stays, and the request fails instead of reporting an end
      // the api would never hear of. (Sign-out is the exception Better Auth
      // makes: it logs a failed delete and clears the cookie anyway; the
      // session then simply stays alive, and unrevoked, until it expires.)
      return {
        options: {
          databaseHooks: {
            session: {
              delete: {
                before: async (session, context) => {
                  const now = Date.now();
                  // Ended from elsewhere (revoked, a password change, the
                  // account deleted): the device holding it is told why.
                  const cause = endingCauseOf(context?.path);
                  await record(
                    {
                      kind: "session",
                      subjectId: session.id,
                      revokedAt: now,
                      expiresAt: now + options.sessionEntryTtlMs,
                    },
                    cause
                      ? {
                          token: session.token,
                          cause,
                          expiresAt: new Date(session.expiresAt).getTime(),
                        }
                      : undefined,
                  );
                },
              },
            },
            user: {
              delete: {
                before: async (user) => {
                  const now = Date.now();
                  await record({
                    kind: "user",
                    subjectId: user.id,
                    revokedAt: now,
                    expiresAt: now + options.userEntryTtlMs,
                  });
                },
              },
            },
          },
        },
      };
    },
    endpoints: {
      getRevocations: revocationFeedEndpoint(options.feedSecret, () => {
        void pruner?.maybePrune();
      }),
    },
  } satisfies BetterAuthPlugin;
}
