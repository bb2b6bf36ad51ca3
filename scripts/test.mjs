#!/usr/bin/env node
// `npm test`: every suite, one summary. Vitest runs the unit and integration
// tests, Playwright the end-to-end suite against the system started as the
// README says; both write JSON reports that are added up into the last line,
// `tests: N passed, M failed`, which CI reads. The security table (threat
// catalogue id, test, result) is printed from the same reports.
// `--security` (npm run test:security) runs only the catalogue's tests.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable, securityRows } from "./lib/security-table.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const securityOnly = process.argv.includes("--security");
const reports = join(root, "test-results");
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, "node_modules/.bin", name);
const CATALOGUE_TITLE = "[JAUCIFBL][0-9]+b?:";

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
// A stale report from an earlier run must never be counted.
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const vitestArgs = [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
];
if (securityOnly) vitestArgs.push("-t", CATALOGUE_TITLE);
const vitestStatus = run(bin("vitest"), vitestArgs);

const playwrightArgs = ["test", "--reporter=list,json"];
if (securityOnly) playwrightArgs.push("--grep", CATALOGUE_TITLE, "--pass-with-no-tests");
const playwrightStatus = run(bin("playwright"), playwrightArgs, {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

const vitest = readJson(vitestReport);
const playwright = readJson(playwrightReport);
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
    failed: playwright ? playwright.stats.unexpected : 1,
    status: playwrightStatus,
  },
];

console.log(`\n${formatTable(securityRows(vitest, playwright))}\n`);

let passed = 0;
let failed = 0;
for (const suite of suites) {
  // A runner that exited non-zero with no failing test (a config or start-up
  // error) must not look green.
  const suiteFailed = suite.failed || (suite.status !== 0 ? 1 : 0);
  console.log(`${suite.name}: ${suite.passed} passed, ${suiteFailed} failed`);
  passed += suite.passed;
  failed += suiteFailed;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
