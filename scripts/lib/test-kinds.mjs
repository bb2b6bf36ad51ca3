// Which Vitest files are unit tests and which are integration tests, decided
// by what a file imports, so a new test is sorted without anyone listing it.
// An integration test does real I/O beyond its own process's memory: it
// statically imports a driver (better-sqlite3, pg, ioredis), node's network or process
// modules, or one of the workspaces' testing helpers that start a server, an
// app or a database. Every other test file is a unit test.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOTS = ["apps", "packages", "scripts"];
const SKIP = new Set(["node_modules", ".next", "dist", "test-results"]);

const IO_HELPERS =
  /\/testing\/(test-app|shared-test-app|databases|redis|auth-http|shared-test-auth|jwks-fixture|http-fixture|raw-http|slow-client|client-http|revocation-feed|revocation-feed-fixture|task-client|verifier-setup)(\.js)?$|\/api-process(\.js)?$/;
const IO_MODULES =
  /^(node:(http|https|net|child_process)|better-sqlite3|pg|ioredis|@taskgate\/test-services)$/;
// Static imports only, from the start of a line (an import written inside a
// string or a comment does not count).
const SPECIFIER = /^\s*(?:import|export)\s(?:[^;]*?\sfrom\s*)?["']([^"']+)["']/gm;

/** Whether the test file's source imports anything that does real I/O. */
export function isIntegrationTest(source) {
  for (const [, specifier] of source.matchAll(SPECIFIER)) {
    if (IO_MODULES.test(specifier) || IO_HELPERS.test(specifier)) return true;
  }
  return false;
}

function testFilesUnder(dir, found) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFilesUnder(path, found);
    else if (entry.name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

/** Every Vitest file of the repository at `root`, relative to it, sorted by kind. */
export function testKinds(root) {
  const kinds = { unit: [], integration: [] };
  for (const dir of ROOTS) {
    for (const file of testFilesUnder(join(root, dir), [])) {
      const kind = isIntegrationTest(readFileSync(file, "utf8")) ? "integration" : "unit";
      kinds[kind].push(relative(root, file));
    }
  }
  return kinds;
}
