import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumOrExit } from "./e2e/support/browser";
import { e2eEnv } from "./e2e/support/e2e-env";

// The suite starts the system the way the README does (`node scripts/start.mjs`,
// i.e. `npm start`), on two ports free when the config loads (or E2E_WEB_PORT /
// E2E_API_PORT) and a fresh data directory, so it never touches a developer's
// ./data or a running instance, nor collides with whatever else listens.
// Workers inherit the directory and the ports through the environment.
//
// One config for both engines: E2E_DATABASE_URL (set by `npm test` for its
// PostgreSQL pass, see e2e/support/e2e-env.ts) moves the system's storage to
// PostgreSQL, which requires a secret: a random one per run, unless given.
process.env.E2E_DATA_DIR ||= mkdtempSync(join(tmpdir(), "taskgate-e2e-"));
if (process.env.E2E_DATABASE_URL) {
  process.env.E2E_BETTER_AUTH_SECRET ??= randomBytes(24).toString("hex");
  process.env.E2E_REVOCATION_FEED_SECRET ??= randomBytes(24).toString("hex");
}
const env = e2eEnv(process.env.E2E_DATA_DIR);
const engine = process.env.E2E_DATABASE_URL ? "postgres" : "sqlite";

export default defineConfig({
  testDir: "e2e",
  outputDir: engine === "postgres" ? "test-results/e2e-pg" : "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  // CI retries a failed test once: a test that fails twice fails the run, and
  // one that passes only on its retry is named in the summary as flaky
  // (decision 024). Locally a failure is always a failure.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: env.BETTER_AUTH_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumOrExit(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      use: { browserName: "chromium" },
      testIgnore: /\.teardown\.ts$/,
      teardown: "log audit",
    },
    // Runs after every other test, over everything the services logged.
    { name: "log audit", testMatch: /log-audit\.teardown\.ts$/ },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    // Ready only once both services answer: the api's /ready needs the web
    // app's JWKS loaded.
    url: `${env.API_URL}/ready`,
    env,
    reuseExistingServer: false,
    // Includes the production build on a fresh clone.
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
