import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";

// The data directory holds the web app's secret and both databases: nobody
// but the owner may list or read it, whatever the process's umask (the usual
// 022 would make it 0755 and the files 0644). Decision 036.
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700 when it does not exist; an existing one keeps its mode. */
export function ensurePrivateDirectory(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE });
  // mkdir's mode passes through the umask; chmod does not.
  chmodSync(dir, DIRECTORY_MODE);
}

/**
 * Makes `file` exist with mode 0600 before SQLite opens it. SQLite creates
 * its -wal and -shm files with the database file's mode, so they follow. A
 * file of an older version (0644) is tightened too: only the api uses it.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, "a", FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    if ((statSync(path).mode & 0o777) !== FILE_MODE) chmodSync(path, FILE_MODE);
  }
}
