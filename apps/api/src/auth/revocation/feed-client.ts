import {
  type RevocationEntry,
  type RevocationFeed,
  RevocationFeedSchema,
} from "@taskgate/contracts/revocation";
import { readBoundedText } from "../read-bounded.js";

// Talks to the web app's revocation feed (contract:
// packages/contracts/src/revocation.ts). Like the JWKS fetch, every request is
// bounded in time and size and nothing it answers is trusted before a strict
// parse: a page that is not exactly the contract throws, so the caller treats
// it like an unreachable feed and applies nothing from this sync.

export interface FeedClientOptions {
  url: string;
  timeoutMs: number;
  /** Sent as `Authorization: Bearer <secret>`: the feed answers nobody else (decision 038). */
  secret: string;
  fetch?: typeof fetch;
  /** Pages fetched at most per sync; the rest waits for the next one. */
  maxPages?: number;
}

/** One sync: every page from `since` on, or as far as paging could go. */
export type FeedSync =
  | { complete: true; now: number; items: RevocationEntry[] }
  | {
      complete: false;
      /** page_limit: more pages wait. stalled: a full page shares one revoked_at, paging cannot move. */
      reason: "page_limit" | "stalled";
      now: number;
      items: RevocationEntry[];
      /** Where the next sync must start so nothing is skipped. */
      resumeSince: number;
    };

export interface FeedClient {
  sync(since: number, signal?: AbortSignal): Promise<FeedSync>;
}

/**
 * A full page is 1,000 entries of at most ~300 bytes (an id is at most 255
 * characters); 2 MiB leaves room for escaped ids and still bounds memory.
 */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;
/** 100 pages = 100,000 entries per sync, far beyond a normal backlog. */
const DEFAULT_MAX_PAGES = 100;

/** Strict: the contract's schema, plus the ordering that paging relies on. */
export function parseFeedPage(text: string, since: number): RevocationFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("revocation feed body is not JSON");
  }
  const parsed = RevocationFeedSchema.safeParse(json);
  if (!parsed.success) throw new Error("revocation feed body breaks the contract");
  let previous = since;
  for (const item of parsed.data.items) {
    // Out of order, a page's last revoked_at would not be its newest and
    // paging from it could skip entries.
    if (item.revoked_at < previous) throw new Error("revocation feed items are out of order");
    previous = item.revoked_at;
  }
  return parsed.data;
}

export function createFeedClient(options: FeedClientOptions): FeedClient {
  const fetchImpl = options.fetch ?? fetch;
  const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);

  async function fetchPage(since: number, signal?: AbortSignal): Promise<RevocationFeed> {
    const url = new URL(options.url);
    url.searchParams.set("since", String(since));
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const response = await fetchImpl(url, {
      headers: { accept: "application/json", authorization: `Bearer ${options.secret}` },
      redirect: "error",
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`revocation feed answered ${response.status}`);
    }
    return parseFeedPage(await readBoundedText(response, MAX_PAGE_BYTES), since);
  }

  return {
    async sync(since, signal) {
      let page = await fetchPage(since, signal);
      // The first page's clock: entries recorded while we page are either on
      // a later page or at/after it, so the next sync starting from it misses none.
      const { now } = page;
      const items = [...page.items];
      let cursor = since;
      for (let fetched = 1; page.has_more; fetched += 1) {
        const last = page.items.at(-1);
        if (last === undefined) throw new Error("revocation feed has_more without items");
        // Asking again with the same since would return the same page forever.
        if (last.revoked_at === cursor) {
          return { complete: false, reason: "stalled", now, items, resumeSince: cursor };
        }
        cursor = last.revoked_at;
        if (fetched >= maxPages) {
          return { complete: false, reason: "page_limit", now, items, resumeSince: cursor };
        }
        page = await fetchPage(cursor, signal);
        items.push(...page.items);
      }
      return { complete: true, now, items };
    },
  };
}
