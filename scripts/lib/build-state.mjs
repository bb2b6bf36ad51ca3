// Decides whether a production build is missing or older than its sources, so
// `npm start` builds only what changed.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const IGNORED = new Set(["node_modules", ".next", "dist", "data", "test-results"]);

/** Newest modification time (ms) of any file under the given paths. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) {
      if (!IGNORED.has(entry)) visit(join(path, entry));
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** True when `artifact` does not exist or any source is newer than it. */
export function needsBuild(artifact, sources) {
  if (!existsSync(artifact)) return true;
  return newestMtime(sources) > statSync(artifact).mtimeMs;
}
