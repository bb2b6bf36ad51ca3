// Child processes of the benchmark: pinned to a core when taskset exists,
// registered so that every one of them is killed on any exit path, and probed
// until they answer (bounded in time).
import { spawn, spawnSync } from "node:child_process";

/** Core 0 runs the server under test, core 1 the load generator. */
export const SERVER_CORE = "0";
export const LOAD_CORE = "1";

const tasksetFound =
  spawnSync("sh", ["-c", "command -v taskset"], { stdio: "ignore" }).status === 0;

/** True when processes can be pinned; the output says so when they cannot. */
export const hasTaskset = tasksetFound;

const children = new Set();

/** `[command, args]` prefixed with `taskset -c core` when available (core null: not pinned). */
export function pinned(core, command, args) {
  return tasksetFound && core !== null
    ? ["taskset", ["-c", core, command, ...args]]
    : [command, args];
}

/**
 * Starts a long-lived child (a server) and registers it for clean-up. Its
 * stderr is kept (last 8 KiB) so a crash can be explained. `stdoutFd`: a file
 * descriptor the child writes its stdout to directly (no pipe through this
 * process), as a service writes to a log collector.
 */
export function startChild(name, core, command, args, { stdoutFd, ...options } = {}) {
  const [cmd, argv] = pinned(core, command, args);
  const stdout = stdoutFd ?? "pipe";
  const child = spawn(cmd, argv, { stdio: ["ignore", stdout, "pipe"], ...options });
  const state = { name, child, exited: null, stderr: "", stdout: "" };
  const keep = (key) => (chunk) => {
    state[key] = (state[key] + chunk).slice(-8192);
  };
  child.stdout?.on("data", keep("stdout"));
  child.stderr.on("data", keep("stderr"));
  child.on("exit", (code, signal) => {
    state.exited = { code, signal };
    children.delete(state);
  });
  children.add(state);
  return state;
}

/** Runs a child to completion and returns its stdout (throws on non-zero exit or timeout). */
export function runChild(core, command, args, { timeoutMs, env } = {}) {
  const [cmd, argv] = pinned(core, command, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], env: env ?? process.env });
    const state = { name: command, child, exited: null };
    children.add(state);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-8192);
    });
    const timer = timeoutMs
      ? setTimeout(() => {
          child.kill("SIGKILL");
        }, timeoutMs)
      : null;
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      children.delete(state);
      if (code === 0) resolve(stdout);
      else {
        const output = (stderr.trim() || stdout.trim()).slice(-2000);
        reject(new Error(`${command} exited ${code ?? signal}: ${output}`));
      }
    });
    child.on("error", reject);
  });
}

/**
 * Settles like `promise`, or rejects after `ms` with `message`. The timer is a
 * plain (ref'd) setTimeout: unlike AbortSignal.timeout, whose timer is
 * unref'd and may never fire, it always bounds the wait.
 */
export function withDeadline(promise, ms, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Stops one child: SIGTERM, then SIGKILL after a grace period; never waits forever. */
export async function stopChild(state, graceMs = 3000) {
  if (state.exited) return;
  const exited = new Promise((resolve) => state.child.once("exit", resolve));
  state.child.kill("SIGTERM");
  const timer = setTimeout(() => state.child.kill("SIGKILL"), graceMs);
  try {
    await withDeadline(exited, graceMs + 5000, `${state.name} did not exit after SIGKILL`);
  } catch (error) {
    console.error(`[bench] ${error.message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Last resort on any exit path: SIGKILL every registered child, synchronously. */
export function killAllChildren() {
  for (const state of children) {
    try {
      state.child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
  children.clear();
}

/** Polls an URL until it answers 2xx; fails after timeoutMs or if the child exits. */
export async function waitForHttp(url, state, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (state?.exited) {
      throw new Error(`${state.name} exited during start-up: ${state.stderr.trim().slice(-2000)}`);
    }
    try {
      const controller = new AbortController();
      const ok = await withDeadline(
        fetch(url, { signal: controller.signal }).then(async (response) => {
          await response.arrayBuffer();
          return response.ok;
        }),
        1000,
        "no answer",
      ).finally(() => controller.abort());
      if (ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** A port free on 127.0.0.1 right now (the OS picks it; we release it at once). */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
