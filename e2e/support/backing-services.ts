import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";

// PostgreSQL and Redis for tests that need their own: a fresh database and a
// fresh key prefix per test, removed afterwards. The same defaults as
// `npm test` (scripts/test.mjs): the machine's and CI's local servers.

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 2_000,
  });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/** null when PostgreSQL answers at TEST_DATABASE_URL, else why not. */
export async function postgresProblem(): Promise<string | null> {
  try {
    await adminQuery("select 1");
    return null;
  } catch (error) {
    return `no PostgreSQL at ${redacted(TEST_DATABASE_URL)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function redisClient(): Redis {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  return client;
}

/** null when Redis answers at TEST_REDIS_URL, else why not. */
export async function redisProblem(): Promise<string | null> {
  const client = redisClient();
  try {
    await client.connect();
    return (await client.ping()) === "PONG" ? null : "Redis did not answer PING";
  } catch (error) {
    return `no Redis at ${redacted(TEST_REDIS_URL)}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    client.disconnect();
  }
}

/** The web app's keys under `taskgate:<prefix>`. */
export async function redisKeys(prefix: string): Promise<string[]> {
  const client = redisClient();
  const found: string[] = [];
  try {
    await client.connect();
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `taskgate:${prefix}*`, "COUNT", 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== "0");
    return found;
  } finally {
    client.disconnect();
  }
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const keys = await redisKeys(prefix);
  if (keys.length === 0) return;
  const client = redisClient();
  try {
    await client.connect();
    await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

/** A fresh, empty database on the test server. */
export async function createDatabase(label: string): Promise<TestDatabase> {
  const name = `taskgate_${label}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE ends connections still open (PostgreSQL 13+).
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`),
  };
}
