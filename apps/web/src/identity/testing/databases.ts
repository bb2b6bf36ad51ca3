import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createTestDatabase,
  failInCi,
  postgresProblem,
  TEST_DATABASE_URL,
  takeDatabaseDown,
} from "@taskgate/test-services";

// The storage engines the integration tests run on: SQLite always, and
// PostgreSQL whenever one answers at TEST_DATABASE_URL. Each test store is a
// fresh SQLite directory or a fresh PostgreSQL database, dropped afterwards
// (packages/test-services holds the database plumbing every suite shares).

export type Engine = "sqlite" | "postgres";

/** The secret every test instance signs and encrypts with (required on PostgreSQL). */
export const TEST_SECRET = "k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa-test-only";

/** The revocation feed's credential on PostgreSQL, where it must be configured. */
export const TEST_FEED_SECRET = "feed-mP7rT5wY8zB1nC4fH6gL0dSa-test-only";

export { TEST_DATABASE_URL };

async function reachableEngines(): Promise<Engine[]> {
  const problem = await postgresProblem();
  failInCi(problem);
  if (problem === null) return ["sqlite", "postgres"];
  // Never silently: the run says what it left out and why.
  console.log(`[taskgate] PostgreSQL tests skipped: ${problem}; set TEST_DATABASE_URL to run them`);
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
  const database = await createTestDatabase("web_test");
  return {
    engine,
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      BETTER_AUTH_SECRET: TEST_SECRET,
      REVOCATION_FEED_SECRET: TEST_FEED_SECRET,
    },
    database: database.name,
    takeDown: () => takeDatabaseDown(database.name),
    dispose: async () => {
      removeDir();
      await database.drop();
    },
  };
}
