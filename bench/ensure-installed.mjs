#!/usr/bin/env node
// The benchmark's own dependencies (load generators, Lighthouse) live in
// bench/package.json, outside the app's install (decision 051). `npm run
// bench` installs them on first use, and again when the lockfile changed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bench = dirname(fileURLToPath(import.meta.url));
const marker = join(bench, "node_modules/.package-lock.json");
const lockfile = join(bench, "package-lock.json");

const installed = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs;
if (!installed) {
  console.log("[bench] installing the benchmark's own dependencies (bench/package.json)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: bench,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
