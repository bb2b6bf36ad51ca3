import { createServer } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/jwks-fixture.js";
import { FEED_PATH } from "../testing/revocation-feed-fixture.js";
import { createFeedClient, MAX_PAGE_BYTES } from "./feed-client.js";

let server: TestServer;
let feedUrl: string;

beforeEach(async () => {
  server = await startTestServer();
  feedUrl = new URL(FEED_PATH, server.url).toString();
});

afterEach(() => server.close());

const SECRET = "feed-client-test-secret-0123456789abcdef";

const client = (options: { timeoutMs?: number; maxPages?: number; secret?: string } = {}) =>
  createFeedClient({
    url: feedUrl,
    timeoutMs: options.timeoutMs ?? 2000,
    secret: SECRET,
    ...options,
  });

/** Small, hand-picked revoked_at values; the entries stay live for a minute. */
const at = (revokedAt: number) => ({ revokedAt, expiresAt: Date.now() + 60_000 });
const page = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });
const good = { kind: "session", id: "s-1", revoked_at: 10, expires_at: Date.now() + 60_000 };

describe("feed client", () => {
  it("returns every entry since the given time and the web app's clock", async () => {
    const a = server.feed.revokeSession("s-1", at(100));
    const b = server.feed.deleteUser("u-1", at(200));
    server.feed.revokeSession("s-0", at(50));
    const before = Date.now();
    const sync = await client().sync(100);
    expect(sync).toEqual({ complete: true, now: expect.any(Number), items: [a, b] });
    expect(sync.now).toBeGreaterThanOrEqual(before);
    expect(server.feed.sinces).toEqual([100]);
  });

  it("C23: reads every page with its credential, and a feed that refuses it is an unreachable feed", async () => {
    server.feed.pageSize = 2;
    server.feed.requiredAuthorization = `Bearer ${SECRET}`;
    for (const i of [1, 2, 3]) server.feed.revokeSession(`s-${i}`, at(i * 10));
    const sync = await client().sync(0);
    expect(sync.complete).toBe(true);
    expect(new Set(sync.items.map((item) => item.id))).toEqual(new Set(["s-1", "s-2", "s-3"]));
    expect(server.feed.authorizations.length).toBeGreaterThan(1);
    expect(new Set(server.feed.authorizations)).toEqual(new Set([`Bearer ${SECRET}`]));
    await expect(client({ secret: "another-secret-0123456789abcdef0123" }).sync(0)).rejects.toThrow(
      "revocation feed answered 401",
    );
  });

  it("pages through has_more, asking again from the last item's revoked_at", async () => {
    server.feed.pageSize = 2;
    const entries = [1, 2, 3, 4, 5].map((i) => server.feed.revokeSession(`s-${i}`, at(i * 10)));
    const sync = await client().sync(0);
    expect(sync.complete).toBe(true);
    // Pages overlap on their boundary item (since is inclusive); a duplicate is harmless.
    expect(new Set(sync.items.map((item) => item.id))).toEqual(new Set(entries.map((e) => e.id)));
    expect(server.feed.sinces).toEqual([0, 20, 30, 40, 50]);
  });

  it("stops paging at the page limit and says where to resume", async () => {
    server.feed.pageSize = 2;
    for (const i of [1, 2, 3, 4, 5]) server.feed.revokeSession(`s-${i}`, at(i * 10));
    const sync = await client({ maxPages: 2 }).sync(0);
    expect(sync).toMatchObject({ complete: false, reason: "page_limit", resumeSince: 30 });
    expect(sync.items.map((item) => item.id)).toEqual(["s-1", "s-2", "s-2", "s-3"]);
  });

  it("stops paging instead of looping when a full page shares one revoked_at", async () => {
    server.feed.pageSize = 2;
    for (const i of [1, 2, 3]) server.feed.revokeSession(`s-${i}`, at(70));
    const sync = await client().sync(70);
    expect(sync).toMatchObject({ complete: false, reason: "stalled", resumeSince: 70 });
    expect(server.feed.requests).toBe(1);
  });

  const MALFORMED: [string, { status: number; body: string; contentType?: string }][] = [
    ["a 500", { status: 500, body: '{"error":"boom"}' }],
    ["a 404 (a web app without the feed)", { status: 404, body: "not found" }],
    ["HTML (a captive portal)", { status: 200, body: "<html>", contentType: "text/html" }],
    ["an empty body", { status: 200, body: "" }],
    ["items that is not an array", page({ now: 1, items: {}, has_more: false })],
    ["a missing now", page({ items: [good], has_more: false })],
    ["a missing has_more", page({ now: 1, items: [good] })],
    ["an unknown kind", page({ now: 1, items: [{ ...good, kind: "device" }], has_more: false })],
    ["an empty id", page({ now: 1, items: [{ ...good, id: "" }], has_more: false })],
    [
      "an id of 256 characters",
      page({ now: 1, items: [{ ...good, id: "x".repeat(256) }], has_more: false }),
    ],
    [
      "a time as a string",
      page({ now: 1, items: [{ ...good, revoked_at: "10" }], has_more: false }),
    ],
    ["a negative time", page({ now: 1, items: [{ ...good, expires_at: -1 }], has_more: false })],
    ["a fractional time", page({ now: 1.5, items: [good], has_more: false })],
    [
      "1,001 items",
      page({ now: 1, items: Array.from({ length: 1001 }, () => good), has_more: true }),
    ],
    [
      "items out of order",
      page({ now: 1, items: [{ ...good, revoked_at: 20 }, good], has_more: false }),
    ],
    [
      "an item older than since",
      page({ now: 1, items: [{ ...good, revoked_at: 4 }], has_more: false }),
    ],
    ["has_more with no items", page({ now: 1, items: [], has_more: true })],
    ["a body over the size bound", { status: 200, body: " ".repeat(MAX_PAGE_BYTES + 1) }],
  ];

  it.each(MALFORMED)("refuses %s: the sync throws and returns nothing", async (_name, response) => {
    server.feed.respond(response);
    await expect(client().sync(5)).rejects.toThrow(/revocation feed|too large/);
  });

  it("refuses the whole sync when a later page is malformed (never partially applied)", async () => {
    server.feed.pageSize = 1;
    server.feed.revokeSession("s-1", at(10));
    server.feed.revokeSession("s-2", at(20));
    const feed = createFeedClient({
      url: feedUrl,
      timeoutMs: 2000,
      secret: SECRET,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (server.feed.requests < 2) return response;
        return new Response("<html>", { status: 200 });
      },
    });
    await expect(feed.sync(0)).rejects.toThrow("not JSON");
  });

  it("stops reading a chunked body as soon as it passes the bound (no Content-Length to trust)", async () => {
    let sent = 0;
    const endless = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const push = () => {
        if (res.destroyed) return;
        sent += 64 * 1024;
        res.write(" ".repeat(64 * 1024), () => setImmediate(push));
      };
      push();
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const address = endless.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    try {
      const feed = createFeedClient({
        url: `http://127.0.0.1:${address.port}/`,
        timeoutMs: 5000,
        secret: SECRET,
      });
      await expect(feed.sync(0)).rejects.toThrow("too large");
      expect(sent).toBeLessThan(MAX_PAGE_BYTES * 4);
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it("gives up on a feed that never answers after the timeout", async () => {
    server.feed.respond({ status: 200, body: "", hang: true });
    const started = performance.now();
    await expect(client({ timeoutMs: 200 }).sync(0)).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("throws when the web app is down", async () => {
    await server.stop();
    await expect(client().sync(0)).rejects.toThrow();
  });
});
