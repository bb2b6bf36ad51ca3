import type { ServerResponse } from "node:http";
import { REVOCATION_PAGE_SIZE, type RevocationEntry } from "@taskgate/contracts/revocation";
import type { CannedResponse } from "./jwks-fixture.js";

// Test-only: the web app's revocation feed, served by the same test server as
// the JWKS (jwks-fixture.ts) at /api/auth/revocations, answering as the
// contract says (packages/contracts/src/revocation.ts). Tests add entries the
// way the web app records them, or make the feed misbehave.

export const FEED_PATH = "/api/auth/revocations";

/** A session entry lives for the token lifetime plus 60 s, as the web app records it. */
const SESSION_ENTRY_TTL_MS = (900 + 60) * 1000;
/** An account entry lives 30 days (docs/decisions/019-session-revocation.md). */
const USER_ENTRY_TTL_MS = 30 * 86_400_000;

export interface EntryTimes {
  revokedAt?: number;
  expiresAt?: number;
}

export interface TestFeed {
  /** Feed requests received so far (the JWKS server's `requests` does not count them). */
  readonly requests: number;
  /** The `since` of every request, in order. */
  readonly sinces: readonly number[];
  /** Entries per page; the contract's 1,000 unless a test pages through a few. */
  pageSize: number;
  revokeSession(sid: string, times?: EntryTimes): RevocationEntry;
  deleteUser(sub: string, times?: EntryTimes): RevocationEntry;
  /** The Authorization header of every request, in order (undefined when absent). */
  readonly authorizations: readonly (string | undefined)[];
  /** When set, a request without exactly this Authorization gets 401, as the web app answers. */
  requiredAuthorization: string | undefined;
  /** Answer every feed request with this instead (malformed, 500, hang); null restores the feed. */
  respond(response: CannedResponse | null): void;
  /** Request handler for FEED_PATH. */
  handle(url: URL, res: ServerResponse, authorization?: string): void;
}

export function createTestFeed(): TestFeed {
  const entries: RevocationEntry[] = [];
  const sinces: number[] = [];
  const authorizations: (string | undefined)[] = [];
  let canned: CannedResponse | null = null;
  let requests = 0;

  const add = (kind: RevocationEntry["kind"], id: string, ttlMs: number, times: EntryTimes) => {
    const revokedAt = times.revokedAt ?? Date.now();
    const entry = {
      kind,
      id,
      revoked_at: revokedAt,
      expires_at: times.expiresAt ?? revokedAt + ttlMs,
    };
    entries.push(entry);
    entries.sort((a, b) => a.revoked_at - b.revoked_at);
    return entry;
  };

  const feed: TestFeed = {
    get requests() {
      return requests;
    },
    sinces,
    authorizations,
    requiredAuthorization: undefined,
    pageSize: REVOCATION_PAGE_SIZE,
    revokeSession: (sid, times = {}) => add("session", sid, SESSION_ENTRY_TTL_MS, times),
    deleteUser: (sub, times = {}) => add("user", sub, USER_ENTRY_TTL_MS, times),
    respond(response) {
      canned = response;
    },
    handle(url, res, authorization) {
      requests += 1;
      authorizations.push(authorization);
      if (canned?.hang) return;
      if (
        feed.requiredAuthorization !== undefined &&
        authorization !== feed.requiredAuthorization
      ) {
        res.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" });
        res.end('{"code":"FEED_CREDENTIAL_REQUIRED"}');
        return;
      }
      if (canned) {
        res.writeHead(canned.status, { "content-type": canned.contentType ?? "application/json" });
        res.end(canned.body);
        return;
      }
      const since = Number(url.searchParams.get("since") ?? "0");
      sinces.push(since);
      const now = Date.now();
      const live = entries.filter((e) => e.revoked_at >= since && e.expires_at > now);
      const items = live.slice(0, feed.pageSize);
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ now, items, has_more: items.length === feed.pageSize }));
    },
  };
  return feed;
}
