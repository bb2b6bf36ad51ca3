import { join } from "node:path";
import { REVOCATION_PAGE_SIZE } from "@taskgate/contracts/revocation";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, type TestAuth } from "../testing/auth-http";
import { ENGINES } from "../testing/databases";
import { feedHeaders, readFeed } from "../testing/revocation-feed";
import { sharedTestAuth } from "../testing/shared-test-auth";
import { REVOCATION_MODEL } from "./schema";
import { type NewRevocation, recordRevocation } from "./store.server";

// GET /api/auth/revocations against the contract, through the real handler.

const HOUR = 60 * 60 * 1_000;

describe.each(ENGINES)("the revocation feed on %s", (engine) => {
  const t = sharedTestAuth(engine);
  afterEach(() => {
    vi.useRealTimers();
  });

  const adapter = async () => (await t.auth.$context).adapter;

  async function insert(entries: NewRevocation[]) {
    const db = await adapter();
    // A few at a time: the PostgreSQL pool has ten connections.
    for (let i = 0; i < entries.length; i += 10) {
      await Promise.all(entries.slice(i, i + 10).map((entry) => recordRevocation(db, entry)));
    }
  }

  const entry = (id: string, revokedAt: number, expiresAt = revokedAt + HOUR): NewRevocation => ({
    kind: "session",
    subjectId: id,
    revokedAt,
    expiresAt,
  });

  /** A `since` later than every entry an earlier test wrote. */
  let clock = Date.now();
  const freshBase = () => {
    clock += 10_000_000;
    return clock;
  };

  /** Which of the pruning test's entries are still stored. */
  async function storedIds(): Promise<string[]> {
    const rows = await (await adapter()).findMany<{ subjectId: string }>({
      model: REVOCATION_MODEL,
      where: [{ field: "subjectId", operator: "in", value: ["expired", "live", "expired-2"] }],
    });
    return rows.map((row) => row.subjectId).sort();
  }

  it.each([
    ["no Authorization header", undefined],
    ["a wrong secret", "Bearer not-the-feed-secret-0123456789abcdef"],
    ["the secret as Basic", "BASIC"],
    ["the secret with one more character", "LONGER"],
    ["an empty bearer", "Bearer "],
  ])(
    "C23: refuses a caller with %s: 401, no entries, nothing about the query",
    async (_, value) => {
      await insert([entry("c23-secret-session", freshBase())]);
      const secret = feedHeaders(t).authorization?.slice("Bearer ".length) ?? "";
      const authorization =
        value === "BASIC" ? `Basic ${secret}` : value === "LONGER" ? `Bearer ${secret}x` : value;
      for (const query of ["", "?since=abc"]) {
        const response = await call(t, `/revocations${query}`, {
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        const text = await response.text();
        expect(JSON.parse(text)).toMatchObject({ code: "FEED_CREDENTIAL_REQUIRED" });
        expect(text).not.toContain("c23-secret-session");
      }
    },
  );

  it("C23: serves the entries to the holder of the credential", async () => {
    const base = freshBase();
    await insert([entry("c23-visible", base)]);
    const ids = (await readFeed(t, base)).items.map((item) => item.id);
    expect(ids).toContain("c23-visible");
  });

  it("is created by migrate, with an index on revokedAt", async () => {
    const columns = await indexedColumns(t, "revocation");
    expect(columns).toContain("revokedAt");
  });

  it("serves the entries revoked at or after since, oldest first, never cached", async () => {
    const base = freshBase();
    await insert([entry("b", base + 2), entry("a", base), entry("c", base + 1)]);
    const response = await call(t, `/revocations?since=${base + 1}`, { headers: feedHeaders(t) });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toEqual({
      now: expect.any(Number),
      items: [
        { kind: "session", id: "c", revoked_at: base + 1, expires_at: base + 1 + HOUR },
        { kind: "session", id: "b", revoked_at: base + 2, expires_at: base + 2 + HOUR },
      ],
      has_more: false,
    });
    expect(Math.abs(body.now - Date.now())).toBeLessThan(5_000);
    const ids = (await readFeed(t)).items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(["a", "b", "c"]));
  });

  it("pages by REVOCATION_PAGE_SIZE: a full page says has_more, and since = its last revoked_at continues it", async () => {
    const base = freshBase();
    const total = REVOCATION_PAGE_SIZE + 1;
    await insert(Array.from({ length: total }, (_, i) => entry(`p${i}`, base + i)));
    const first = await readFeed(t, base);
    expect(first.items).toHaveLength(REVOCATION_PAGE_SIZE);
    expect(first.has_more).toBe(true);
    expect(first.items.map((item) => item.revoked_at)).toEqual(
      Array.from({ length: REVOCATION_PAGE_SIZE }, (_, i) => base + i),
    );
    const last = first.items.at(-1)?.revoked_at ?? 0;
    const second = await readFeed(t, last);
    expect(second.items.map((item) => item.id)).toEqual([`p${total - 2}`, `p${total - 1}`]);
    expect(second.has_more).toBe(false);
  });

  it.each([["abc"], ["-1"], ["1.5"], ["1&since=2"]])(
    "answers since=%s with a 400 JSON error",
    async (since) => {
      const response = await call(t, `/revocations?since=${since}`, { headers: feedHeaders(t) });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ code: "INVALID_SINCE" });
    },
  );

  it("does not serve expired entries, and prunes them in the background at most once a minute", async () => {
    const now = Date.now();
    await insert([entry("expired", now - HOUR, now - 1), entry("live", now, now + HOUR)]);
    const served = (await readFeed(t, now - HOUR)).items.map((item) => item.id);
    expect(served).toContain("live");
    expect(served).not.toContain("expired");

    // The first pruning is due one minute after start-up.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now + 61_000);
    await readFeed(t);
    await vi.waitFor(async () => expect(await storedIds()).not.toContain("expired"));
    expect(await storedIds()).toContain("live");

    // Within the minute nothing is pruned, however often the feed is read.
    await insert([entry("expired-2", now - HOUR, now)]);
    await readFeed(t);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await storedIds()).toContain("expired-2");
    vi.setSystemTime(now + 122_000);
    await readFeed(t);
    await vi.waitFor(async () => expect(await storedIds()).not.toContain("expired-2"));
  });

  it("is not rate limited, where other endpoints are (100 requests per 10 s from one client)", async () => {
    const statuses = async (path: string) => {
      const seen = new Set<number>();
      for (let i = 0; i < 110; i++) {
        seen.add((await call(t, path, { headers: feedHeaders(t) })).status);
      }
      return [...seen].sort();
    };
    expect(await statuses("/revocations")).toEqual([200]);
    expect(await statuses("/ok")).toEqual([200, 429]);
  });
});

/** The columns of the indexes on `table`, read from the database itself. */
async function indexedColumns(t: TestAuth, table: string): Promise<string[]> {
  if (t.store.engine === "sqlite") {
    const db = new Database(join(t.store.env.DATA_DIR ?? "", "web.db"), { readonly: true });
    try {
      return db
        .prepare(
          "select info.name as name from pragma_index_list(?) as list join pragma_index_info(list.name) as info",
        )
        .all(table)
        .map((row) => String((row as { name: unknown }).name));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: t.store.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query(
      `select a.attname as name from pg_index i
         join pg_class c on c.oid = i.indrelid
         join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
       where c.relname = $1 and not i.indisprimary`,
      [table],
    );
    return result.rows.map((row: { name: string }) => row.name);
  } finally {
    await client.end();
  }
}
