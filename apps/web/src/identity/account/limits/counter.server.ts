import type { DBAdapter } from "better-auth";
import type { SecondaryStorage } from "better-auth/db";
import { ACCOUNT_LIMIT_MODEL } from "./schema";

/** A fixed window: at most `max` counted events per `windowSeconds` from the first. */
export type Rule = { max: number; windowSeconds: number };

/** Counters per account, shared by every instance (Redis when configured, else the database). */
export type Counter = {
  /** Events counted in the window that is open now (0 when none is). */
  read: (key: string, rule: Rule) => Promise<{ count: number; retryAfterSeconds: number }>;
  /** Counts one event and returns the count in the window, this one included. */
  add: (key: string, rule: Rule) => Promise<number>;
};

type Row = { key: string; count: number; windowStart: number | bigint };

/** The longest window any rule uses: rows older than this are dead. */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1_000;

function databaseCounter(adapter: DBAdapter): Counter {
  const find = (key: string) =>
    adapter.findOne<Row>({ model: ACCOUNT_LIMIT_MODEL, where: [{ field: "key", value: key }] });
  const open = (row: Row, rule: Rule, now: number): boolean =>
    now - Number(row.windowStart) < rule.windowSeconds * 1_000;
  const add = async (key: string, rule: Rule): Promise<number> => {
    const now = Date.now();
    const row = await find(key);
    if (row === null) {
      try {
        await adapter.create({
          model: ACCOUNT_LIMIT_MODEL,
          data: { key, count: 1, windowStart: now },
        });
      } catch (error) {
        // Another request created it first: count on that row instead.
        if ((await find(key)) === null) throw error;
        return add(key, rule);
      }
      await adapter.deleteMany({
        model: ACCOUNT_LIMIT_MODEL,
        where: [{ field: "windowStart", operator: "lt", value: now - PRUNE_AFTER_MS }],
      });
      return 1;
    }
    if (!open(row, rule, now)) {
      // A new window; the guard makes one of several racing requests win it.
      const reset = await adapter.incrementOne<Row>({
        model: ACCOUNT_LIMIT_MODEL,
        where: [
          { field: "key", value: key },
          { field: "windowStart", value: Number(row.windowStart) },
        ],
        increment: {},
        set: { count: 1, windowStart: now },
      });
      return reset ? 1 : add(key, rule);
    }
    const next = await adapter.incrementOne<Row>({
      model: ACCOUNT_LIMIT_MODEL,
      where: [{ field: "key", value: key }],
      increment: { count: 1 },
    });
    return next ? Number(next.count) : add(key, rule);
  };
  return {
    add,
    read: async (key, rule) => {
      const now = Date.now();
      const row = await find(key);
      if (row === null || !open(row, rule, now)) return { count: 0, retryAfterSeconds: 0 };
      const endsAt = Number(row.windowStart) + rule.windowSeconds * 1_000;
      return { count: Number(row.count), retryAfterSeconds: Math.ceil((endsAt - now) / 1_000) };
    },
  };
}

function storageCounter(storage: SecondaryStorage): Counter {
  // The key's TTL, set by the first increment, is the window.
  const name = (key: string) => `account-limit:${key}`;
  return {
    add: async (key, rule) => storage.increment(name(key), rule.windowSeconds),
    read: async (key, rule) => {
      const value = await storage.get(name(key));
      const count = typeof value === "string" ? Number.parseInt(value, 10) || 0 : 0;
      return { count, retryAfterSeconds: count > 0 ? rule.windowSeconds : 0 };
    },
  };
}

export function createCounter(adapter: DBAdapter, storage: SecondaryStorage | undefined): Counter {
  return storage ? storageCounter(storage) : databaseCounter(adapter);
}
