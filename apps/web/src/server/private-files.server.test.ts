import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeAuth, createAuth } from "../identity/auth.server";
import { migrate } from "../identity/database/migrate.server";
import { resolveAuthSecret, SECRET_FILE_NAME } from "../identity/keys/auth-secret.server";
import { FEED_SECRET_FILE_NAME } from "../identity/revocation/feed-credential.server";
import { parseConfig } from "./config.server";

const mode = (path: string) => statSync(path).mode & 0o777;
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Starts the web app's storage the way getAuth does, on `dataDir`, and signs someone up (WAL writes). */
async function startWebStorage(dataDir: string, email = "ada@example.com") {
  const config = parseConfig({ DATA_DIR: dataDir }, "/");
  const secret = resolveAuthSecret({ configured: undefined, embeddedDatabase: true, dataDir });
  const auth = createAuth(config, secret);
  await migrate(auth);
  await auth.api.signUpEmail({
    body: { name: "Ada", email, password: "correct horse battery" },
  });
  return auth;
}

describe("C22: the web app keeps its data directory 0700 and its databases and secrets 0600", () => {
  it("C22: on a fresh DATA_DIR, under the usual umask 022", async () => {
    const root = mkdtempSync(join(tmpdir(), "taskgate-modes-"));
    roots.push(root);
    const dataDir = join(root, "data");
    const previous = process.umask(0o022);
    try {
      const auth = await startWebStorage(dataDir);
      try {
        expect(mode(dataDir)).toBe(0o700);
        for (const name of [
          "web.db",
          "web.db-wal",
          "web.db-shm",
          SECRET_FILE_NAME,
          FEED_SECRET_FILE_NAME,
        ]) {
          expect([name, mode(join(dataDir, name))]).toEqual([name, 0o600]);
        }
      } finally {
        await closeAuth(auth);
      }
    } finally {
      process.umask(previous);
    }
  });

  it("C22: when the api created DATA_DIR first (0755) and files were left 0644", async () => {
    const root = mkdtempSync(join(tmpdir(), "taskgate-modes-"));
    roots.push(root);
    const dataDir = join(root, "data");
    mkdirSync(dataDir, { mode: 0o755 });
    // What an older api or a copy with a loose umask leaves behind.
    writeFileSync(join(dataDir, "api.db"), "", { mode: 0o644 });
    writeFileSync(join(dataDir, FEED_SECRET_FILE_NAME), "generated-by-the-api-0123456789abcdef\n", {
      mode: 0o644,
    });
    const auth = await startWebStorage(dataDir);
    await closeAuth(auth);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, FEED_SECRET_FILE_NAME))).toBe(0o600);
    expect(mode(join(dataDir, "web.db"))).toBe(0o600);

    // A database left 0644 by an earlier version is tightened on the next start.
    chmodSync(join(dataDir, "web.db"), 0o644);
    await closeAuth(await startWebStorage(dataDir, "grace@example.com"));
    expect(mode(join(dataDir, "web.db"))).toBe(0o600);
  });
});
