// The api under test, in the two modes every scenario is measured in (issue 16):
// - "shipped": as `npm start` runs it. scripts/start.mjs starts the api and the
//   web app with the default log level (info: one JSON line per request), and
//   both services write straight to the wrapper's stdout (decision 052). Here
//   that stdout is a file in the run's directory, opened by this process and
//   handed over as a descriptor: like a log collector's pipe, nothing on the
//   way parses or copies a line.
// - "bench": the api alone, LOG_LEVEL=warn, its stdout a pipe nobody writes
//   to: the suite's mode before issue 16, kept as a diagnosis beside the figure
//   a user gets.
// Both are pinned to the server core; the wrapper's children (api and web)
// inherit its pinning.
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { API_NODE_FLAGS } from "../../scripts/lib/services.mjs";
import { freePort, SERVER_CORE, startChild, stopChild, waitForHttp } from "./processes.mjs";
import { BENCH_FEED_SECRET } from "./seed.mjs";
import { AUDIENCE, ISSUER } from "./tokens.mjs";

export const MODE_LABELS = { shipped: "as shipped", bench: "bench mode" };

/** What both modes share: the bench's identity server, data and lifted rate limits. */
function commonEnv({ jwksUrl, dataDir, databaseUrl, port }) {
  const env = {
    ...process.env,
    API_HOST: "127.0.0.1",
    API_PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: "",
    REVOCATION_FEED_SECRET: BENCH_FEED_SECRET,
    JWKS_URL: jwksUrl,
    // The bench's own key server plays the web app (packages/config
    // requires the issuer to be WEB_URL).
    WEB_URL: ISSUER,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_ALGORITHM: "RS256",
    CORS_ORIGINS: ISSUER,
    // What DPoP proofs name in htu: the address the bench's clients use.
    API_URL: `http://127.0.0.1:${port}`,
    // One client and one user send every request of a scenario, far past
    // what the api's defaults allow a real one: the limiter still runs
    // (its cost is measured) but never refuses.
    API_RATE_LIMIT_CLIENT_MAX: "1000000000",
    API_RATE_LIMIT_USER_MAX: "1000000000",
  };
  // The default level is the point of the shipped mode; a copy of the output
  // would route it through the wrapper (scripts/start.mjs).
  delete env.LOG_LEVEL;
  delete env.TASKGATE_LOG_FILE;
  return env;
}

/** The api alone, LOG_LEVEL=warn, started with npm start's node flags. */
export async function startApiBenchMode(root, options) {
  const port = await freePort();
  const state = startChild(
    "api (bench mode)",
    SERVER_CORE,
    process.execPath,
    [...API_NODE_FLAGS, join(root, "apps/api/dist/main.js")],
    {
      cwd: root,
      env: { ...commonEnv({ ...options, port }), NODE_ENV: "production", LOG_LEVEL: "warn" },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/ready`, state);
  return { mode: "bench", state, pid: state.child.pid, base };
}

/**
 * `npm start` (scripts/start.mjs; npm itself only adds two header lines):
 * the api and the web app, on free ports, the web app idle beside the api as
 * a user's would be. Its stdout goes to `logFile`.
 */
export async function startApiAsShipped(root, { logFile, ...options }) {
  const port = await freePort();
  const webPort = await freePort();
  const env = {
    ...commonEnv({ ...options, port }),
    // The web app listens here; its public URL stays the bench's issuer.
    WEB_PORT: String(webPort),
    // Required with PostgreSQL (generated under DATA_DIR with SQLite).
    ...(options.databaseUrl && { BETTER_AUTH_SECRET: randomBytes(32).toString("hex") }),
  };
  const fd = openSync(logFile, "a");
  let state;
  try {
    state = startChild(
      "npm start (api as shipped)",
      SERVER_CORE,
      process.execPath,
      [join(root, "scripts/start.mjs")],
      { cwd: root, env, stdoutFd: fd },
    );
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(fd);
  }
  const base = `http://127.0.0.1:${port}`;
  // A first start migrates the web app's database and makes its key.
  await waitForHttp(`${base}/ready`, state, 60_000);
  await waitForHttp(`http://127.0.0.1:${webPort}/api/auth/jwks`, state, 60_000);
  const pid = childRunning(state.child.pid, "dist/main.js");
  if (pid === null) throw new Error("npm start is up but its api process was not found");
  return { mode: "shipped", state, pid, base, logFile };
}

/** The pid of `parent`'s child whose command line contains `needle` (Linux /proc), or null. */
function childRunning(parent, needle) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of stat is the parent pid; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== parent) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(needle)) return Number(entry);
    } catch {
      // Gone since readdir.
    }
  }
  return null;
}

/** SIGTERM, and for the wrapper the grace its services need to drain. */
export async function stopApi(api) {
  await stopChild(api.state, api.mode === "shipped" ? 15_000 : 3000);
}
