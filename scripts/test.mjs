#!/usr/bin/env node
// `npm test`: every suite, one summary. Vitest runs the unit and integration
// tests, Playwright the end-to-end suite against the system started as the
// README says; both write JSON reports that are added up into the last line,
// `tests: N passed, M failed`, which CI reads.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const reports = join(root, "test-results");
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, "node_modules/.bin", name);

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

const suites = [];

const vitestReport = join(reports, "vitest.json");
const vitestStatus = run(bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
suites.push({
  name: "unit + integration",
  passed: vitest?.numPassedTests ?? 0,
  // A crash before the report was written still counts as a failure.
  failed: vitest ? vitest.numFailedTests : 1,
  status: vitestStatus,
});

const playwrightReport = join(reports, "playwright.json");
const playwrightStatus = run(bin("playwright"), ["test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});
const playwright = readJson(playwrightReport);
suites.push({
  name: "end-to-end",
  passed: (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0),
  failed: playwright ? playwright.stats.unexpected : 1,
  status: playwrightStatus,
});

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
