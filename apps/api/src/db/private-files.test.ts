import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "./connect.js";
import { migrateToLatest } from "./migrate.js";

const modeOf = (file: string) => statSync(file).mode & 0o777;

let root: string;
let umask: number;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "taskgate-modes-"));
  // The most permissive umask: any mode below comes from the code, not from it.
  umask = process.umask(0);
});

afterEach(async () => {
  process.umask(umask);
  await rm(root, { recursive: true, force: true });
});

async function openAndWrite(file: string): Promise<void> {
  const db = openDatabase({ kind: "sqlite", file });
  try {
    await migrateToLatest(db, "sqlite");
    // The -wal and -shm files exist while the database is open.
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    for (const suffix of ["", "-wal", "-shm"]) expect(modeOf(`${file}${suffix}`)).toBe(0o600);
  } finally {
    await db.destroy();
  }
}

describe("I22: the api's files are private", () => {
  it("I22: on a fresh data directory the api creates it 0700 and api.db with its -wal and -shm 0600, whatever the umask", async () => {
    const dataDir = path.join(root, "data");
    const file = path.join(dataDir, "api.db");
    await openAndWrite(file);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });

  it("I22: an api.db and -wal left 0644 by an earlier version are tightened to 0600", async () => {
    const file = path.join(root, "api.db");
    const first = openDatabase({ kind: "sqlite", file });
    await migrateToLatest(first, "sqlite");
    await first.destroy();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, "");
    chmodSync(`${file}-wal`, 0o644);
    await openAndWrite(file);
  });

  it("I22: an existing data directory keeps the mode its owner gave it", async () => {
    const dataDir = path.join(root, "chosen");
    mkdirSync(dataDir, { mode: 0o750 });
    chmodSync(dataDir, 0o750);
    await openAndWrite(path.join(dataDir, "api.db"));
    expect(modeOf(dataDir)).toBe(0o750);
  });
});
