import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// `npm start` runs packages/config's checks itself, before building anything:
// a contradiction stops it in seconds, naming both variables.

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = mkdtempSync(join(tmpdir(), "taskgate-start-config-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      DATA_DIR: dataDir,
      ...env,
    },
  });
}

describe("npm start", () => {
  it("stops before building on a CORS list without the web origin, naming CORS_ORIGINS and WEB_URL", () => {
    const result = start({ WEB_PORT: "3399", CORS_ORIGINS: "http://localhost:3000" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /config error: CORS_ORIGINS contradicts WEB_URL \(from WEB_PORT\)/,
    );
    expect(result.stdout).not.toContain("building");
  });

  it("stops on a bad value, naming the variable", () => {
    const result = start({ API_PORT: "eighty" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/config error: API_PORT: /);
  });
});
