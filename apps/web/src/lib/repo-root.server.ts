import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The repository root: the first directory, walking up from `start`, whose
 * package.json declares npm workspaces. Falls back to `start` (e.g. a copied
 * build outside the repository).
 */
export function findRepoRoot(start: string): string {
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
