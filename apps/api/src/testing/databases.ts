import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";

// Integration tests run on SQLite always and on PostgreSQL whenever one is
// reachable at TEST_DATABASE_URL. Each app under test gets a fresh database,
// dropped when the test closes it, so runs never see each other's rows.

export type Engine = DatabaseConfig["kind"];

export const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= withAdmin(async () => true).catch(() => false);
  return reachable;
}

/** The engines to run integration tests on; says so once when PostgreSQL is skipped. */
export async function testEngines(): Promise<Engine[]> {
  if (await postgresReachable()) return ["sqlite", "postgres"];
  console.warn(`PostgreSQL tests skipped: no server reachable at ${ADMIN_URL} (TEST_DATABASE_URL)`);
  return ["sqlite"];
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A new, empty database `taskgate_api_test_<random>` on the test server. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `taskgate_api_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((admin) => admin.query(`create database ${quote(name)}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin(async (admin) => {
        // Connections a test left behind (or a killed child process) would block the drop.
        await admin.query(`alter database ${quote(name)} allow_connections false`);
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1",
          [name],
        );
        await admin.query(`drop database if exists ${quote(name)}`);
      }),
  };
}

/** Runs SQL as the test server's superuser (outage tests switch a database off and on). */
export function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return withAdmin((admin) => admin.query(text, values));
}

export { quote as quoteIdentifier };
