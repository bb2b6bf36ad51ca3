// The PostgreSQL and Redis that tests run against: the machine's (and CI's)
// local servers unless TEST_DATABASE_URL / TEST_REDIS_URL say otherwise, or
// `off` (TEST_DATABASE_URL=off, TEST_REDIS_URL=off): then the tests that need
// that service skip without trying it, even if one runs (never in CI, where a
// skip is a failure: see failInCi). Every
// test run makes its own database and key prefix and removes them afterwards,
// so runs never see each other's rows. Plain JavaScript, so `npm test`'s
// runner (node, no TypeScript loader) shares it with the TypeScript suites.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

const isOff = (value) => value.trim().toLowerCase() === "off";
/** TEST_DATABASE_URL=off: this run uses no PostgreSQL. */
export const POSTGRES_OFF = isOff(TEST_DATABASE_URL);
/** TEST_REDIS_URL=off: this run uses no Redis. */
export const REDIS_OFF = isOff(TEST_REDIS_URL);

/** The URL with its password masked, for messages. */
export function redacted(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** One statement as the test server's administrator, on a connection of its own. */
export async function adminQuery(sql, params = []) {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 2_000,
  });
  client.on("error", () => {});
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * In CI a missing PostgreSQL or Redis is a failure, never a skip: the suites
 * that need them would otherwise pass by not running. Locally they skip, and
 * say why.
 */
export function failInCi(problem) {
  if (problem !== null && process.env.CI === "true") {
    throw new Error(`${problem} (CI runs every test: nothing may skip)`);
  }
}

const describe = (error) => (error instanceof Error ? error.message : String(error));

/** null when PostgreSQL answers at TEST_DATABASE_URL, else why not (also when turned off). */
export async function postgresProblem() {
  if (POSTGRES_OFF) return "PostgreSQL turned off (TEST_DATABASE_URL=off)";
  try {
    await adminQuery("select 1");
    return null;
  } catch (error) {
    return `no PostgreSQL at ${redacted(TEST_DATABASE_URL)}: ${describe(error)}`;
  }
}

export const quoteIdentifier = (name) => `"${name.replaceAll('"', '""')}"`;

function databaseUrl(name) {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Refuses new connections to `name` and ends those open: a database outage. */
export async function takeDatabaseDown(name) {
  await adminQuery(`alter database ${quoteIdentifier(name)} allow_connections false`);
  await adminQuery(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [name],
  );
}

/** Lets connections to `name` in again after takeDatabaseDown. */
export async function bringDatabaseUp(name) {
  await adminQuery(`alter database ${quoteIdentifier(name)} allow_connections true`);
}

/** A fresh, empty database `taskgate_<label>_<random>`; drop() removes it with any connection left open. */
export async function createTestDatabase(label) {
  const name = `taskgate_${label}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${quoteIdentifier(name)}`);
  return {
    name,
    url: databaseUrl(name),
    // FORCE ends connections a test or a killed child process left behind (PostgreSQL 13+).
    drop: () => adminQuery(`drop database if exists ${quoteIdentifier(name)} with (force)`),
  };
}

function redisClient() {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  return client;
}

/** null when Redis answers at TEST_REDIS_URL, else why not (also when turned off). */
export async function redisProblem() {
  if (REDIS_OFF) return "Redis turned off (TEST_REDIS_URL=off)";
  const client = redisClient();
  try {
    await client.connect();
    return (await client.ping()) === "PONG" ? null : "Redis did not answer PING";
  } catch (error) {
    return `no Redis at ${redacted(TEST_REDIS_URL)}: ${describe(error)}`;
  } finally {
    client.disconnect();
  }
}

/** The keys the web app wrote under `taskgate:<prefix>`. */
export async function redisKeys(prefix) {
  const client = redisClient();
  const found = [];
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

/** Deletes every key the web app wrote under `taskgate:<prefix>`. */
export async function deleteRedisKeys(prefix) {
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
