import {
  REVOCATION_PAGE_SIZE,
  type RevocationFeed,
  RevocationQuerySchema,
} from "@taskgate/contracts/revocation";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { isFeedCredential } from "./feed-credential.server";
import { listRevocations } from "./store.server";

/**
 * `GET /api/auth/revocations?since=<ms>`: the entries the api polls (contract:
 * packages/contracts/src/revocation.ts). Readable only with the credential the
 * api holds (`Authorization: Bearer <feed secret>`, decision 038): the entries
 * name sessions and deleted accounts. `afterRead` runs once the page is read
 * (it starts pruning in the background).
 */
export function revocationFeedEndpoint(feedSecret: string, afterRead: () => void) {
  return createAuthEndpoint(
    "/revocations",
    {
      method: "GET",
      metadata: {
        openapi: {
          operationId: "listRevocations",
          description: "Sessions and accounts that ended before their tokens expire",
        },
      },
    },
    async (ctx) => {
      // Before anything else: a caller without the credential learns nothing,
      // not even whether its query was well formed.
      if (!isFeedCredential(ctx.headers?.get("authorization") ?? null, feedSecret)) {
        throw new APIError(
          "UNAUTHORIZED",
          { code: "FEED_CREDENTIAL_REQUIRED", message: "The revocation feed needs its credential" },
          { "WWW-Authenticate": 'Bearer realm="revocations"', "Cache-Control": "no-store" },
        );
      }
      const query = RevocationQuerySchema.safeParse(ctx.query ?? {});
      if (!query.success) {
        throw APIError.from("BAD_REQUEST", {
          code: "INVALID_SINCE",
          message: "since must be a time in epoch milliseconds (a non-negative integer)",
        });
      }
      const now = Date.now();
      const items = await listRevocations(ctx.context.adapter, {
        since: query.data.since,
        now,
        limit: REVOCATION_PAGE_SIZE,
      });
      afterRead();
      ctx.setHeader("Cache-Control", "no-store");
      const feed: RevocationFeed = {
        now,
        items,
        has_more: items.length === REVOCATION_PAGE_SIZE,
      };
      return ctx.json(feed);
    },
  );
}
