import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

// The data directory holds the databases and generated secrets: only the
// account the services run as may read it, whichever service (web or api)
// creates it first. mkdir's mode applies only to a directory it creates, and
// a file's only when it is created, so both are also set on what exists.

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates `dir` (and parents) if missing, and makes it 0700 either way. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
}

/** Creates `file` empty (0600) if missing, and makes it 0600 either way. */
export function ensurePrivateFile(file: string): void {
  // "a": creates without truncating; the mode applies only on creation.
  closeSync(openSync(file, "a", PRIVATE_FILE));
  chmodSync(file, PRIVATE_FILE);
}

/**
 * Makes an SQLite database's files 0600: the database itself before SQLite
 * opens it (SQLite gives the -wal and -shm files it creates the database's
 * mode), and any -wal or -shm an earlier process left behind.
 */
export function ensurePrivateDatabaseFiles(file: string): void {
  ensurePrivateFile(file);
  for (const suffix of ["-wal", "-shm", "-journal"]) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, PRIVATE_FILE);
  }
}

/**
 * The secret kept in `dataDir/fileName`, generated (32 random bytes,
 * base64url) by whichever process needs it first. The file is created with
 * "wx": if two processes race, the first file wins and both read it.
 */
export function readOrCreateSecretFile(dataDir: string, fileName: string): string {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, fileName);
  const generated = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, `${generated}\n`, { mode: PRIVATE_FILE, flag: "wx" });
    return generated;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  chmodSync(file, PRIVATE_FILE);
  return readFileSync(file, "utf8").trim();
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "EEXIST";
}
