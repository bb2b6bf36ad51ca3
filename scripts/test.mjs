#!/usr/bin/env node
// `npm test`: every suite, one summary. Vitest runs the unit and integration
// tests, Playwright the end-to-end suite against the system started as the
// README says; both write JSON reports that are added up into the last line,
// `tests: N passed, M failed`, which CI reads. The security table (threat
// catalogue id, test, result) is printed from the same reports.
// `--security` (npm run test:security) runs only the catalogue's tests.
// `--node=22,24` (CI, .ci/run) also runs the unit and integration tests on
// those Node majors, each in a copy of the tree with its own `npm ci`
// (scripts/lib/other-node.mjs); their counts join the summary line, each as a
// suite of its own. The end-to-end suite runs once, on the machine's Node.
//
// TEST_DATABASE_URL=off / TEST_REDIS_URL=off leave PostgreSQL / Redis out of
// the run (their tests skip and say so); under CI=true that is a failure.
//
// The end-to-end suite runs twice: on SQLite (the default) and again with the
// whole system on PostgreSQL whenever one answers at TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres), in a database made
// for the run and dropped after it, with the web app's rate limits in Redis
// when one answers at TEST_REDIS_URL (default redis://127.0.0.1:6379), under
// a key prefix of the run's own, deleted after it.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createTestDatabase,
  deleteRedisKeys,
  postgresProblem,
  redisProblem,
  TEST_REDIS_URL,
} from "@taskgate/test-services";
import { formatDigest, playwrightDigest, vitestDigest } from "./lib/failure-digest.mjs";
import { vitestOnNode } from "./lib/other-node.mjs";
import { formatTable, securityRows } from "./lib/security-table.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const securityOnly = process.argv.includes("--security");
const reports = join(root, "test-results");
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, "node_modules/.bin", name);
const CATALOGUE_TITLE = "[JAUCIFBL][0-9]+b?:";
const otherNodes = (
  process.argv.find((arg) => arg.startsWith("--node="))?.slice("--node=".length) ?? ""
)
  .split(",")
  .map((major) => major.trim())
  .filter(Boolean);
for (const major of otherNodes) {
  if (!/^[0-9]+$/.test(major)) {
    console.error(`[test] --node takes Node majors, e.g. --node=22,24 (got "${major}")`);
    process.exit(2);
  }
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

const vitestReport = join(reports, "vitest.json");
const playwrightReport = join(reports, "playwright.json");
const playwrightPgReport = join(reports, "playwright-pg.json");
// A stale report from an earlier run must never be counted.
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });
rmSync(playwrightPgReport, { force: true });
const nodeReport = (major) => join(reports, `vitest-node${major}.json`);
for (const major of otherNodes) rmSync(nodeReport(major), { force: true });

const pgProblem = await postgresProblem();
if (pgProblem) {
  console.log(`[test] ${pgProblem}: the end-to-end suite runs on SQLite only`);
}

const vitestArgs = [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
];
if (securityOnly) vitestArgs.push("-t", CATALOGUE_TITLE);
const vitestStatus = run(bin("vitest"), vitestArgs);

const nodeStatuses = new Map();
for (const major of otherNodes) {
  console.log(`\n[test] unit + integration on Node ${major}`);
  nodeStatuses.set(
    major,
    vitestOnNode(major, {
      root,
      report: nodeReport(major),
      vitestArgs: securityOnly ? ["-t", CATALOGUE_TITLE] : [],
    }),
  );
}

const playwrightArgs = ["test", "--reporter=list,json"];
if (securityOnly) playwrightArgs.push("--grep", CATALOGUE_TITLE, "--pass-with-no-tests");
console.log("\n[test] end-to-end on SQLite");
const playwrightStatus = run(bin("playwright"), playwrightArgs, {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  // The several-instances test needs PostgreSQL; it runs in the pass below.
  E2E_MULTI_INSTANCE: pgProblem ? "" : "0",
});

let playwrightPgStatus = 0;
if (!pgProblem) {
  const runId = randomBytes(6).toString("hex");
  const redisUp = (await redisProblem()) === null;
  const redisPrefix = `e2e-${runId}:`;
  let database;
  try {
    database = await createTestDatabase("e2e");
    console.log(
      `\n[test] end-to-end on PostgreSQL (database ${database.name}${redisUp ? `, Redis prefix taskgate:${redisPrefix}` : "; no Redis answers, rate limits in the database"})`,
    );
    playwrightPgStatus = run(bin("playwright"), playwrightArgs, {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightPgReport,
      E2E_DATABASE_URL: database.url,
      E2E_BETTER_AUTH_SECRET: randomBytes(24).toString("hex"),
      E2E_REVOCATION_FEED_SECRET: randomBytes(24).toString("hex"),
      ...(redisUp ? { E2E_REDIS_URL: TEST_REDIS_URL, E2E_REDIS_KEY_PREFIX: redisPrefix } : {}),
      // A data directory of its own (logs, the audit), not the SQLite pass's.
      E2E_DATA_DIR: "",
    });
  } catch (error) {
    console.error(
      `[test] PostgreSQL pass could not start: ${error instanceof Error ? error.message : error}`,
    );
    playwrightPgStatus = 1;
  } finally {
    await database
      ?.drop()
      .catch((error) => console.error(`[test] could not drop ${database.name}: ${error.message}`));
    if (redisUp) {
      await deleteRedisKeys(redisPrefix).catch((error) =>
        console.error(
          `[test] could not delete Redis keys taskgate:${redisPrefix}*: ${error.message}`,
        ),
      );
    }
  }
}

const vitest = readJson(vitestReport);
const playwright = readJson(playwrightReport);
const playwrightPg = pgProblem ? null : readJson(playwrightPgReport);
const suites = [
  {
    name: "unit + integration",
    passed: vitest?.numPassedTests ?? 0,
    // A crash before the report was written still counts as a failure.
    failed: vitest ? vitest.numFailedTests : 1,
    status: vitestStatus,
  },
  {
    name: "end-to-end",
    passed: (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0),
    flaky: playwright?.stats?.flaky ?? 0,
    failed: playwright ? playwright.stats.unexpected : 1,
    status: playwrightStatus,
  },
];
const nodeReports = otherNodes.map((major) => ({ major, report: readJson(nodeReport(major)) }));
for (const { major, report } of nodeReports) {
  suites.push({
    name: `unit + integration (Node ${major})`,
    passed: report?.numPassedTests ?? 0,
    failed: report ? report.numFailedTests : 1,
    status: nodeStatuses.get(major),
  });
}
if (!pgProblem) {
  suites.push({
    name: "end-to-end (PostgreSQL)",
    passed: (playwrightPg?.stats?.expected ?? 0) + (playwrightPg?.stats?.flaky ?? 0),
    flaky: playwrightPg?.stats?.flaky ?? 0,
    failed: playwrightPg ? playwrightPg.stats.unexpected : 1,
    status: playwrightPgStatus,
  });
}

const moreE2e = playwrightPg ? [{ label: "e2e pg", report: playwrightPg }] : [];
console.log(`\n${formatTable(securityRows(vitest, playwright, moreE2e))}\n`);

const digest = formatDigest([
  ...vitestDigest(vitest),
  ...nodeReports.flatMap(({ major, report }) =>
    vitestDigest(report).map((entry) => ({ ...entry, label: `vitest node ${major}` })),
  ),
  ...playwrightDigest("e2e", playwright),
  ...moreE2e.flatMap(({ label, report }) => playwrightDigest(label, report)),
]);
if (digest.length > 0) console.log(`${digest.join("\n")}\n`);

let passed = 0;
let failed = 0;
for (const suite of suites) {
  // A runner that exited non-zero with no failing test (a config or start-up
  // error) must not look green.
  const suiteFailed = suite.failed || (suite.status !== 0 ? 1 : 0);
  // A test that passed only on its retry counts as passed, and is named above.
  const flaky = suite.flaky ? ` (${suite.flaky} only on a retry)` : "";
  console.log(`${suite.name}: ${suite.passed} passed${flaky}, ${suiteFailed} failed`);
  passed += suite.passed;
  failed += suiteFailed;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
