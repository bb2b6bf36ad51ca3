import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import type { Env } from "./parse";

/**
 * The repository root: the first directory, walking up from `start`, whose
 * package.json declares npm workspaces. It holds the shared `.env` and
 * anchors DATA_DIR whatever the working directory. `start` is absolute;
 * falls back to it (e.g. a copied build outside the repository).
 */
export function findRepoRoot(start: string): string {
  // No path.resolve here: Next's file tracer would then trace the whole
  // project into the web app's standalone output.
  let dir = start;
  for (;;) {
    if (declaresWorkspaces(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

function declaresWorkspaces(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof parsed === "object" && parsed !== null && "workspaces" in parsed;
  } catch {
    return false;
  }
}

/** The root `.env` under the real environment: a variable already set wins. */
export function readEnvironment(repoRoot: string, real: Env = process.env): Env {
  const file = join(repoRoot, ".env");
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...real };
}

/** DATA_DIR relative to the repository root, not to the process's cwd. */
export function resolveDataDir(repoRoot: string, dataDir: string): string {
  return isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir);
}
