import {
  REVOCATION_PAGE_SIZE,
  type RevocationFeed,
  RevocationQuerySchema,
} from "@taskgate/contracts/revocation";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { listRevocations } from "./store.server";

/**
 * `GET /api/auth/revocations?since=<ms>`: the entries the api polls (contract:
 * packages/contracts/src/revocation.ts). Public, like the JWKS: opaque ids and
 * times only. `afterRead` runs once the page is read (it starts pruning in the
 * background).
 */
export function revocationFeedEndpoint(afterRead: () => void) {
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
