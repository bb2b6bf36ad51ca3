import {
  adminQuery,
  createTestDatabase,
  failInCi,
  postgresProblem,
  quoteIdentifier,
  TEST_DATABASE_URL,
  type TestDatabase,
} from "@taskgate/test-services";
import type { DatabaseConfig } from "../config.js";

// Integration tests run on SQLite always and on PostgreSQL whenever one is
// reachable at TEST_DATABASE_URL. Each app under test gets a fresh database,
// dropped when the test closes it, so runs never see each other's rows. The
// database plumbing is shared with every other suite: packages/test-services.

export type Engine = DatabaseConfig["kind"];

export const ADMIN_URL = TEST_DATABASE_URL;

let problem: Promise<string | null> | undefined;

/** Whether PostgreSQL answers; throws in CI when it does not (a skip there would hide tests). */
export async function postgresReachable(): Promise<boolean> {
  problem ??= postgresProblem();
  failInCi(await problem);
  return (await problem) === null;
}

/** The engines to run integration tests on; says so once when PostgreSQL is skipped. */
export async function testEngines(): Promise<Engine[]> {
  if (await postgresReachable()) return ["sqlite", "postgres"];
  console.warn(`PostgreSQL tests skipped: ${await problem} (TEST_DATABASE_URL)`);
  return ["sqlite"];
}

/** A new, empty database `taskgate_api_test_<random>` on the test server. */
export function createPostgresDatabase(): Promise<TestDatabase> {
  return createTestDatabase("api_test");
}

export { adminQuery, quoteIdentifier, type TestDatabase };
