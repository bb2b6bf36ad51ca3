import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveAuthSecret, SECRET_FILE_NAME } from "./auth-secret.server";

describe("resolveAuthSecret", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), "taskgate-secret-")), "data");
  });
  afterEach(() => {
    rmSync(join(dataDir, ".."), { recursive: true, force: true });
  });

  it("uses the configured secret and writes no file", () => {
    const configured = "x".repeat(40);
    expect(resolveAuthSecret({ configured, embeddedDatabase: true, dataDir })).toBe(configured);
    expect(() => statSync(join(dataDir, SECRET_FILE_NAME))).toThrow();
  });

  it("generates a secret once with SQLite, stores it with mode 0600 and reuses it", () => {
    const first = resolveAuthSecret({ configured: undefined, embeddedDatabase: true, dataDir });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dataDir, SECRET_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first);

    const second = resolveAuthSecret({ configured: undefined, embeddedDatabase: true, dataDir });
    expect(second).toBe(first);
  });

  it("requires a secret with a shared database", () => {
    expect(() =>
      resolveAuthSecret({ configured: undefined, embeddedDatabase: false, dataDir }),
    ).toThrow(/BETTER_AUTH_SECRET: required with DATABASE_URL/);
  });

  it("refuses a stored secret that was tampered into a placeholder", () => {
    resolveAuthSecret({ configured: undefined, embeddedDatabase: true, dataDir });
    writeFileSync(join(dataDir, SECRET_FILE_NAME), "changeme\n");
    expect(() =>
      resolveAuthSecret({ configured: undefined, embeddedDatabase: true, dataDir }),
    ).toThrow(/placeholder/);
  });
});
