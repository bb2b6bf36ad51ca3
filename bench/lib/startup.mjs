// Start-up time: from `npm start` (scripts/start.mjs, both apps already
// built) to both services answering (the api's /health, the web app's JWKS),
// on a fresh SQLite data directory, so it includes creating and migrating
// both databases and generating the secret and the first signing key.
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { freePort, startChild, stopChild, waitForHttp, withDeadline } from "./processes.mjs";

export const STARTUP_TARGET_SECONDS = 5;

/**
 * The environment `npm start` gets in the benchmark: both services on the
 * given ports, a fresh SQLite data directory under `tmp`, no PostgreSQL or
 * Redis, a secret and first key generated at start.
 */
export function systemEnv(tmp, webPort, apiPort) {
  const web = `http://localhost:${webPort}`;
  const api = `http://localhost:${apiPort}`;
  return {
    ...process.env,
    WEB_PORT: String(webPort),
    API_PORT: String(apiPort),
    DATA_DIR: mkdtempSync(join(tmp, "startup-")),
    DATABASE_URL: "",
    REDIS_URL: "",
    BETTER_AUTH_SECRET: "",
    BETTER_AUTH_URL: web,
    NEXT_PUBLIC_API_URL: api,
    JWT_ISSUER: web,
    JWT_AUDIENCE: api,
    JWKS_URL: `${web}/api/auth/jwks`,
    CORS_ORIGINS: web,
    LOG_LEVEL: "warn",
  };
}

export async function measureStartup(root, tmp) {
  const webPort = await freePort();
  const apiPort = await freePort();
  const env = systemEnv(tmp, webPort, apiPort);
  const started = performance.now();
  const state = startChild("npm start", null, process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    env,
  });
  try {
    // Each probe has its own bound; the outer one holds whatever else may hang.
    await withDeadline(
      Promise.all([
        waitForHttp(`http://127.0.0.1:${apiPort}/health`, state, 60_000),
        waitForHttp(`http://127.0.0.1:${webPort}/api/auth/jwks`, state, 60_000),
      ]),
      90_000,
      "npm start did not answer within 90 s",
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      targetSeconds: STARTUP_TARGET_SECONDS,
      met: seconds <= STARTUP_TARGET_SECONDS,
    };
  } finally {
    await stopChild(state, 15_000);
  }
}
