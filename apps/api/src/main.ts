import { buildApp } from "./app.js";
import { JwksCache } from "./auth/jwks-cache.js";
import { createRevocations } from "./auth/revocation/create-revocations.js";
import { loadConfig } from "./config.js";
import { openDatabase } from "./db/connect.js";
import { describeDatabase } from "./db/describe.js";
import { migrateToLatest } from "./db/migrate.js";
import { createLogger } from "./logging/logger.js";
import { deleteUserData } from "./tasks/delete-user-data.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);

const db = openDatabase(config.database, {
  onPoolError: (error) =>
    logger.warn({ event: "db.connection_lost", err: error }, "database connection lost"),
});
const applied = await migrateToLatest(db, config.database.kind);
if (applied.length > 0) logger.info({ event: "db.migrated", applied }, "migrations applied");
logger.info({ event: "db.opened", database: describeDatabase(config.database) }, "database ready");

if (config.dpop.mode === "off") {
  // Decision 040: bound tokens are bearer tokens while this is set.
  logger.warn({ event: "auth.dpop_off" }, "DPOP_MODE=off: DPoP-bound tokens are not checked");
}

const jwks = new JwksCache({ ...config.jwks, algorithms: config.jwt.algorithms, log: logger });
// Polls the web app's revocation feed from listen() until app.close().
const revocations = createRevocations(config, {
  deleteUserData: (userId) => deleteUserData(db, userId),
  log: logger,
});
const app = await buildApp({ config, db, jwks, revocations, logger });

// Not awaited: the web app may start after us; requests get 503 until keys load.
void jwks.warmUp();

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  logger.fatal({ err: error }, "could not start listening");
  await db.destroy();
  process.exit(1);
}
const shownHost = config.host === "0.0.0.0" ? "localhost" : config.host;
logger.info({ event: "server.started" }, `api listening on http://${shownHost}:${config.port}`);

// A client that never finishes its request must not keep the process alive
// past what an orchestrator waits between SIGTERM and SIGKILL.
const DRAIN_LIMIT_MS = 25_000;

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  logger.info({ event: "server.stopping", signal }, "shutting down");
  setTimeout(() => {
    logger.error({ event: "server.drain_timeout" }, "requests still in flight; exiting");
    process.exit(1);
  }, DRAIN_LIMIT_MS).unref();
  // close() stops accepting and waits for in-flight requests; only then does
  // the pool (or SQLite handle) close, so every answered write is committed.
  await app.close();
  await db.destroy();
  logger.info({ event: "server.stopped" }, "stopped");
  process.exit(0);
}

// Emergency revocation: after removing a key from the web app's JWKS,
// `kill -HUP <pid>` makes tokens signed with it fail at once instead of after
// JWKS_CACHE_MAX_AGE_SECONDS.
process.on("SIGHUP", () => {
  logger.warn({ event: "jwks.reload_requested" }, "reloading the JWKS (SIGHUP)");
  void jwks.reload();
});
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
