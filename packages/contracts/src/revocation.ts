import { z } from "zod";

/**
 * The revocation feed: `GET {web}/api/auth/revocations?since=<ms>`.
 *
 * The web app records an entry whenever a session ends before its tokens do
 * (sign-out, revoke, password change) and whenever an account is deleted. The
 * api polls the feed and refuses tokens whose `sid` (session) or `sub` (user)
 * is listed, until the entry expires: by then every token it could refuse has
 * expired on its own. See docs/decisions/019-session-revocation.md.
 */

/** Entries per response; a full page sets `has_more` and the caller asks again. */
export const REVOCATION_PAGE_SIZE = 1000;

/** `?since=`: epoch milliseconds, inclusive; absent means from the beginning. */
export const RevocationQuerySchema = z.object({
  since: z.coerce.number().int().min(0).default(0),
});

export const RevocationKindSchema = z.enum(["session", "user"]);

export const RevocationEntrySchema = z.object({
  /** `session`: `id` is a session id (a token's `sid`). `user`: an account was deleted; `id` is its `sub`. */
  kind: RevocationKindSchema,
  id: z.string().min(1).max(255),
  /** Epoch milliseconds, by the clock of the web instance that recorded it. */
  revoked_at: z.number().int().min(0),
  /** Epoch milliseconds after which the entry no longer matters (every token it covers has expired). */
  expires_at: z.number().int().min(0),
});

export const RevocationFeedSchema = z.object({
  /** The web server's clock when it answered; the caller's next `since` is derived from it. */
  now: z.number().int().min(0),
  /** Ordered by `revoked_at` ascending; entries with `revoked_at >= since`, not yet expired. */
  items: z.array(RevocationEntrySchema).max(REVOCATION_PAGE_SIZE),
  /** True when the page is full: ask again with `since` = the last item's `revoked_at`. */
  has_more: z.boolean(),
});

export type RevocationKind = z.infer<typeof RevocationKindSchema>;
export type RevocationEntry = z.infer<typeof RevocationEntrySchema>;
export type RevocationFeed = z.infer<typeof RevocationFeedSchema>;
