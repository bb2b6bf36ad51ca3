import type { RevocationEntry } from "@taskgate/contracts/revocation";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FeedClient, FeedSync } from "./feed-client.js";
import { RevocationList } from "./revocation-list.js";
import { RevocationPoller, SYNC_OVERLAP_MS } from "./revocation-poller.js";

// The poller's bookkeeping against a scripted feed: what it asks for, what it
// applies, what it logs. The feed over real HTTP is in revocation.test.ts.

const WEB_NOW = 1_800_000_000_000;

type Script = (since: number, signal?: AbortSignal) => Promise<FeedSync>;

interface Harness {
  poller: RevocationPoller;
  list: RevocationList;
  sinces: number[];
  logs: { level: string; event: unknown }[];
  deleted: string[];
  /** Set the next answers of the feed. */
  feed(next: Script): void;
  /** Make deleteUserData fail (true) or work (false). */
  databaseDown(down: boolean): void;
}

let current: Harness | undefined;

function harness(): Harness {
  let script: Script = async () => ({ complete: true, now: WEB_NOW, items: [] });
  let down = false;
  const sinces: number[] = [];
  const logs: Harness["logs"] = [];
  const deleted: string[] = [];
  const client: FeedClient = {
    sync: (since, signal) => {
      sinces.push(since);
      return script(since, signal);
    },
  };
  const list = new RevocationList({ graceMs: 30_000, maxRetentionMs: 3_630_000 });
  const poller = new RevocationPoller({
    client,
    list,
    pollMs: 60_000,
    url: "http://web.test/api/auth/revocations",
    deleteUserData: async (userId) => {
      if (down) throw new Error("connect ECONNREFUSED");
      deleted.push(userId);
      return { tasks: 1, idempotencyKeys: 0 };
    },
    log: {
      info: (obj) => void logs.push({ level: "info", event: Reflect.get(obj, "event") }),
      warn: (obj) => void logs.push({ level: "warn", event: Reflect.get(obj, "event") }),
    },
  });
  current = {
    poller,
    list,
    sinces,
    logs,
    deleted,
    feed: (next) => {
      script = next;
    },
    databaseDown: (value) => {
      down = value;
    },
  };
  return current;
}

afterEach(async () => {
  await current?.poller.stop();
  current = undefined;
});

const entry = (kind: RevocationEntry["kind"], id: string, revokedAt: number): RevocationEntry => ({
  kind,
  id,
  revoked_at: revokedAt,
  expires_at: Date.now() + 900_000,
});

const answer =
  (items: RevocationEntry[], now = WEB_NOW) =>
  async (): Promise<FeedSync> => ({
    complete: true,
    now,
    items,
  });

const unreachable = async (): Promise<FeedSync> => {
  throw new Error("fetch failed");
};

const events = (h: Harness) => h.logs.map((line) => `${line.level} ${String(line.event)}`);

describe("revocation poller", () => {
  it("starts from since=0, then from the web app's clock minus the overlap", async () => {
    const h = harness();
    expect(await h.poller.syncNow()).toBe(true);
    h.feed(answer([], WEB_NOW + 2000));
    await h.poller.syncNow();
    await h.poller.syncNow();
    expect(h.sinces).toEqual([0, WEB_NOW - SYNC_OVERLAP_MS, WEB_NOW + 2000 - SYNC_OVERLAP_MS]);
    expect(h.poller.status()).toMatchObject({ state: "synced", lastSyncAt: expect.any(Number) });
  });

  it("applies session and user entries to the list", async () => {
    const h = harness();
    h.feed(answer([entry("session", "s-1", 1), entry("user", "u-1", 2)]));
    await h.poller.syncNow();
    expect(h.list.reasonFor({ sub: "x", sid: "s-1" })).toBe("SESSION_REVOKED");
    expect(h.list.reasonFor({ sub: "u-1" })).toBe("USER_DELETED");
    expect(h.deleted).toEqual(["u-1"]);
  });

  it("keeps the last known list when the feed is unreachable, warns once per outage and says when it is back", async () => {
    const h = harness();
    h.feed(answer([entry("session", "s-1", 1)]));
    await h.poller.syncNow();
    const syncedAt = h.poller.lastSyncAt();
    h.feed(unreachable);
    expect(await h.poller.syncNow()).toBe(false);
    expect(await h.poller.syncNow()).toBe(false);
    expect(h.list.reasonFor({ sub: "x", sid: "s-1" })).toBe("SESSION_REVOKED");
    expect(h.poller.status()).toMatchObject({ state: "unavailable", lastSyncAt: syncedAt });
    // The next attempt asks from where the last good sync left off.
    expect(h.sinces.slice(1)).toEqual([WEB_NOW - SYNC_OVERLAP_MS, WEB_NOW - SYNC_OVERLAP_MS]);
    h.feed(answer([entry("session", "s-2", WEB_NOW)]));
    expect(await h.poller.syncNow()).toBe(true);
    expect(h.list.reasonFor({ sub: "x", sid: "s-2" })).toBe("SESSION_REVOKED");
    expect(events(h).filter((e) => e.includes("revocations_unavailable"))).toEqual([
      "warn auth.revocations_unavailable",
    ]);
    expect(events(h)).toContain("info auth.revocations_recovered");
  });

  it("warns at start-up when the first sync fails (no list was ever loaded)", async () => {
    const h = harness();
    h.feed(unreachable);
    await h.poller.syncNow();
    expect(events(h)).toEqual(["warn auth.revocations_unavailable"]);
    expect(h.poller.status()).toEqual({ state: "unavailable", lastSyncAt: null, entries: 0 });
  });

  it("refuses a deleted user's tokens at once even when the database is down, and retries the deletion next poll without moving past it", async () => {
    const h = harness();
    h.databaseDown(true);
    h.feed(
      answer([entry("session", "s-1", 100), entry("user", "u-1", 200), entry("user", "u-2", 300)]),
    );
    expect(await h.poller.syncNow()).toBe(true);
    expect(h.list.reasonFor({ sub: "u-1" })).toBe("USER_DELETED");
    expect(h.list.reasonFor({ sub: "u-2" })).toBe("USER_DELETED");
    expect(h.poller.since).toBe(200);
    await h.poller.syncNow();
    expect(h.sinces.at(-1)).toBe(200);
    expect(events(h).filter((e) => e.includes("delete_failed"))).toHaveLength(1);

    h.databaseDown(false);
    await h.poller.syncNow();
    expect(h.deleted).toEqual(["u-1", "u-2"]);
    expect(h.poller.since).toBe(WEB_NOW - SYNC_OVERLAP_MS);
    expect(events(h)).toContain("info auth.user_data_delete_recovered");
  });

  it("re-runs a re-delivered user entry's deletion: a no-op that also catches a write that raced the first one", async () => {
    const h = harness();
    h.feed(answer([entry("user", "u-1", 1)]));
    await h.poller.syncNow();
    await h.poller.syncNow();
    expect(h.deleted).toEqual(["u-1", "u-1"]);
    expect(events(h).filter((e) => e.includes("revocations_applied"))).toHaveLength(1);
  });

  it("resumes from where paging stopped at the page limit, without counting it as a complete sync", async () => {
    const h = harness();
    h.feed(async () => ({
      complete: false,
      reason: "page_limit",
      now: WEB_NOW,
      items: [entry("session", "s-1", 5)],
      resumeSince: 5,
    }));
    expect(await h.poller.syncNow()).toBe(false);
    expect(h.list.reasonFor({ sub: "x", sid: "s-1" })).toBe("SESSION_REVOKED");
    expect(h.poller.since).toBe(5);
    expect(h.poller.lastSyncAt()).toBeNull();
    expect(events(h)).not.toContain("warn auth.revocations_unavailable");
  });

  it("reports a stalled feed as unavailable but still applies what it got", async () => {
    const h = harness();
    h.feed(async () => ({
      complete: false,
      reason: "stalled",
      now: WEB_NOW,
      items: [entry("session", "s-1", 7)],
      resumeSince: 7,
    }));
    await h.poller.syncNow();
    expect(h.list.reasonFor({ sub: "x", sid: "s-1" })).toBe("SESSION_REVOKED");
    expect(events(h)).toContain("warn auth.revocations_unavailable");
  });

  it("shares one sync between concurrent callers", async () => {
    const h = harness();
    await Promise.all([h.poller.syncNow(), h.poller.syncNow(), h.poller.syncNow()]);
    expect(h.sinces).toHaveLength(1);
  });

  it("polls every pollMs once started, and stops on stop()", async () => {
    vi.useFakeTimers();
    try {
      const h = harness();
      h.poller.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(h.sinces).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(h.sinces).toHaveLength(3);
      await h.poller.stop();
      await vi.advanceTimersByTimeAsync(600_000);
      expect(h.sinces).toHaveLength(3);
      expect(await h.poller.syncNow()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never keeps the process alive: the poll timer is unref'd", async () => {
    const h = harness();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    h.poller.start();
    await vi.waitFor(() => expect(h.sinces).toHaveLength(1));
    // Let the sync finish and the next poll be scheduled.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.poller.status().state).toBe("synced");
    expect(timers()).toBe(before);
  });

  it("stop() aborts a fetch in flight and waits for it, without logging an outage", async () => {
    const h = harness();
    h.feed(
      (_since, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener("abort", () => reject(new Error("aborted"))),
        ),
    );
    const sync = h.poller.syncNow();
    await h.poller.stop();
    expect(await sync).toBe(false);
    expect(h.logs).toEqual([]);
  });
});
