import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../config.js";
import { FEED_SECRET_FILE_NAME, resolveFeedSecret } from "./feed-secret.js";

const mode = (file: string) => statSync(file).mode & 0o777;
const dirs: string[] = [];
const tempRoot = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "taskgate-feed-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("C23: the api's revocation feed credential", () => {
  it("C23: with SQLite and nothing configured, generates it once under a fresh DATA_DIR (0700, file 0600)", () => {
    const dataDir = path.join(tempRoot(), "data");
    const config = parseConfig({ DATA_DIR: dataDir }, "/");
    const first = resolveFeedSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveFeedSecret(config)).toBe(first);
    const file = path.join(dataDir, FEED_SECRET_FILE_NAME);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it("C23: reads the one the web app generated first, tightening a loose directory and file", () => {
    const dataDir = tempRoot();
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const file = path.join(dataDir, FEED_SECRET_FILE_NAME);
    const written = "written-by-the-web-app-0123456789abcdef";
    writeFileSync(file, `${written}\n`, { mode: 0o644 });
    expect(resolveFeedSecret(parseConfig({ DATA_DIR: dataDir }, "/"))).toBe(written);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it("C23: a configured REVOCATION_FEED_SECRET wins and writes nothing", () => {
    const dataDir = path.join(tempRoot(), "untouched");
    const secret = "configured-feed-secret-0123456789abcdef";
    const config = parseConfig({ DATA_DIR: dataDir, REVOCATION_FEED_SECRET: secret }, "/");
    expect(resolveFeedSecret(config)).toBe(secret);
    expect(() => statSync(dataDir)).toThrow();
  });
});
