import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

// The storage engines the integration tests run on: SQLite always, and
// PostgreSQL whenever one answers at TEST_DATABASE_URL. Each test store is a
// fresh SQLite directory or a fresh PostgreSQL database, dropped afterwards.

export type Engine = "sqlite" | "postgres";

/** The secret every test instance signs and encrypts with (required on PostgreSQL). */
export const TEST_SECRET = "k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa-test-only";

/** A server (and a user allowed to create databases) for the Postgres runs. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL with its password masked, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable TEST_DATABASE_URL)";
  }
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 2_000,
  });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

async function postgresReachable(): Promise<string | null> {
  try {
    await adminQuery("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function reachableEngines(): Promise<Engine[]> {
  const problem = await postgresReachable();
  if (problem === null) return ["sqlite", "postgres"];
  // Never silently: the run says what it left out and why.
  console.log(
    `[taskgate] PostgreSQL tests skipped: no server at ${redacted(TEST_DATABASE_URL)} (${problem}); set TEST_DATABASE_URL to run them`,
  );
  return ["sqlite"];
}

/** The engines to run on, probed once per test file. */
export const ENGINES: Engine[] = await reachableEngines();

/** Where one test's auth data lives, as the variables that select it. */
export type TestStore = {
  engine: Engine;
  /** DATA_DIR, and DATABASE_URL (with the secret it requires) on PostgreSQL. */
  env: Record<string, string>;
  /** Name of the PostgreSQL database, or undefined on SQLite. */
  database: string | undefined;
  /** Makes the database refuse every connection and drops those open (an outage). */
  takeDown: () => Promise<void>;
  /** Removes the directory and drops the database (after ending its connections). */
  dispose: () => Promise<void>;
};

function urlFor(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

const terminate = (database: string) =>
  adminQuery(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );

/** A fresh, empty store on `engine`. */
export async function createStore(engine: Engine): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), "taskgate-web-test-"));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === "sqlite") {
    return {
      engine,
      env: { DATA_DIR: dataDir },
      database: undefined,
      takeDown: () => Promise.reject(new Error("takeDown: close the SQLite handle instead")),
      dispose: async () => removeDir(),
    };
  }
  const database = `taskgate_web_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database "${database}"`);
  return {
    engine,
    env: { DATA_DIR: dataDir, DATABASE_URL: urlFor(database), BETTER_AUTH_SECRET: TEST_SECRET },
    database,
    takeDown: async () => {
      await adminQuery(`alter database "${database}" allow_connections false`);
      await terminate(database);
    },
    dispose: async () => {
      removeDir();
      // FORCE ends any connection still open (PostgreSQL 13+).
      await adminQuery(`drop database if exists "${database}" with (force)`);
    },
  };
}
