import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { describeError, getLogger } from "../../server/logger.server";

/**
 * Keeps a session's `updatedAt` within `intervalMs` of its last use, so the
 * sessions list can say when each device was last active. Better Auth itself
 * only moves it when it extends the session (every `updateAge`, a day). The
 * browser asks for a token (`GET /token`) whenever it talks to the api, so
 * that is where the session is touched: one write per session per interval
 * at most.
 */
export function sessionActivity({ intervalMs }: { intervalMs: number }) {
  return {
    id: "taskgate-session-activity",
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === "/token",
          handler: createAuthMiddleware(async (ctx) => {
            const session = ctx.context.session?.session;
            if (!session) return;
            const now = Date.now();
            if (now - new Date(session.updatedAt).getTime() < intervalMs) return;
            try {
              await ctx.context.internalAdapter.updateSession(session.token, {
                updatedAt: new Date(now),
              });
            } catch (error) {
              // The token is already minted; a missed touch only makes
              // "last active" older.
              getLogger().error(
                { event: "session.touch_failed", error: describeError(error) },
                "session activity: touch failed",
              );
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
