import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The api as a real child process, the way `npm start` runs it: the built
// dist/main.js when it is newer than every source file, else the sources
// through tsx, so a test never exercises a stale build.

const API_DIR = path.resolve(fileURLToPath(import.meta.url), "../../..");
const SOURCE_DIRS = [
  path.join(API_DIR, "src"),
  path.resolve(API_DIR, "../../packages/contracts/src"),
  path.resolve(API_DIR, "../../packages/config/src"),
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function entryArgs(): string[] {
  const dist = path.join(API_DIR, "dist/main.js");
  const fresh =
    existsSync(dist) && statSync(dist).mtimeMs > Math.max(...SOURCE_DIRS.map(newestMtime));
  return fresh ? [dist] : ["--import", "tsx", path.join(API_DIR, "src/main.ts")];
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  exited: Promise<number | null>;
  output(): string;
}

/** Starts the api with `env` on a free port and waits until /ready answers 200. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, entryArgs(), {
    cwd: API_DIR,
    env: { ...process.env, ...env, API_HOST: "127.0.0.1", API_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited at start:\n${output}`);
    const ready = await fetch(`${url}/ready`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) return { url, child, exited, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`api not ready after 30 s:\n${output}`);
}
