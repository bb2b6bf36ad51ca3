import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Kysely, KyselyPlugin } from "kysely";
import { buildApp } from "../app.js";
import { JwksCache } from "../auth/jwks-cache.js";
import { createRevocations } from "../auth/revocation/create-revocations.js";
import type { RevocationPoller } from "../auth/revocation/revocation-poller.js";
import {
  claims,
  createTestKey,
  signRaw,
  startTestServer,
  type TestKey,
  type TestServer,
} from "../auth/testing/jwks-fixture.js";
import type { TestFeed } from "../auth/testing/revocation-feed-fixture.js";
import { type DatabaseConfig, parseConfig } from "../config.js";
import { openDatabase } from "../db/connect.js";
import { migrateToLatest } from "../db/migrate.js";
import type { Database } from "../db/schema.js";
import { createLogger } from "../logging/logger.js";
import { deleteUserData } from "../tasks/delete-user-data.js";
import { createPostgresDatabase, type Engine } from "./databases.js";

/** The feed credential on PostgreSQL, where it must be configured (SQLite generates one). */
export const TEST_FEED_SECRET = "test-feed-secret-0123456789abcdef-api";

export const APP_ORIGIN = "http://localhost:3000";

export interface TestAppOptions {
  /** The JWKS server is stopped before the app first asks it (restart it with server.start()). */
  jwksDown?: boolean;
  /** Extra environment for parseConfig, e.g. JWKS timings. */
  env?: Record<string, string>;
  /** Milliseconds since the epoch for the JWKS cache, the verifier and t.token(). */
  clock?: () => number;
  /** "sqlite" (default): a file in a temp dir; "postgres": a fresh database on the test server. */
  engine?: Engine;
  /** Trust the same signing key and JWKS server as that app: a second instance of one deployment. */
  keysFrom?: Pick<TestApp, "key" | "server">;
}

export interface TestApp {
  app: FastifyInstance;
  engine: Engine;
  /** Where the app's data lives (the SQLite file, or the PostgreSQL URL), for a second connection. */
  database: DatabaseConfig;
  /** The PostgreSQL database's name (empty on SQLite). */
  databaseName: string;
  db: Kysely<Database>;
  jwks: JwksCache;
  /** Polls `feed` once the app is ready (first inject or listen); syncNow() for a sync on demand. */
  /** The revocation poller (sync on demand). */
  revocations: RevocationPoller;
  server: TestServer;
  /** The revocation feed the app polls (server.feed). */
  feed: TestFeed;
  key: TestKey;
  /** Every log line written so far, raw. */
  rawLogs(): string;
  /** Every log line written so far, parsed. */
  logs(): Record<string, unknown>[];
  /** A good token (iat and exp from the test clock), with claims overridden as given. */
  token(overrides?: Record<string, unknown>): Promise<string>;
  /** How many SQL statements the app has run so far (migrations excluded). */
  queryCount(): number;
  close(): Promise<void>;
}

/**
 * The real app over a real database (a SQLite file in a temp dir, or a fresh
 * PostgreSQL database) and a real JWKS and revocation feed served over HTTP.
 * `jwksDown` stops that server before the app ever loads it.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const engine = options.engine ?? "sqlite";
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "taskgate-api-"));
  const pgDatabase = engine === "postgres" ? await createPostgresDatabase() : undefined;
  const key = options.keysFrom?.key ?? (await createTestKey());
  const server = options.keysFrom?.server ?? (await startTestServer([key.publicJwk]));
  if (options.jwksDown) await server.stop();
  const env = {
    JWKS_URL: server.url,
    CORS_ORIGINS: APP_ORIGIN,
    ...(pgDatabase && { DATABASE_URL: pgDatabase.url, REVOCATION_FEED_SECRET: TEST_FEED_SECRET }),
    ...options.env,
  };
  const config = parseConfig(env, dataDir);
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  const db = openDatabase(config.database);
  await migrateToLatest(db, engine);
  const clock = options.clock ?? Date.now;
  const jwks = new JwksCache({
    ...config.jwks,
    algorithms: config.jwt.algorithms,
    log: logger,
    now: clock,
  });
  let queries = 0;
  // Counts every statement the app compiles, transactions included: lets a
  // test prove a refusal happened before any database work.
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      queries += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  // Deletions of deleted accounts' data go through the uncounted handle:
  // queryCount() measures the work requests cause.
  const revocations = createRevocations(config, {
    deleteUserData: (userId) => deleteUserData(db, userId),
    log: logger,
    now: clock,
  });
  const app = await buildApp({
    config,
    db: db.withPlugin(counter),
    jwks,
    revocations,
    logger,
    ...(options.clock && { clock: options.clock }),
  });
  return {
    app,
    engine,
    database: config.database,
    databaseName: pgDatabase?.name ?? "",
    db,
    jwks,
    revocations: revocations.poller,
    server,
    feed: server.feed,
    key,
    rawLogs: () => lines.join(""),
    logs: () => lines.map((line): Record<string, unknown> => JSON.parse(line)),
    token: (overrides = {}) => {
      const now = Math.floor(clock() / 1000);
      return signRaw(key, claims({ iat: now, exp: now + 900, ...overrides }));
    },
    queryCount: () => queries,
    async close() {
      await app.close();
      await db.destroy();
      // A shared JWKS server belongs to the app that started it.
      if (!options.keysFrom) await server.close();
      await pgDatabase?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
