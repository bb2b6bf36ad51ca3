#!/usr/bin/env node
// `npm start` (production builds) and `npm run dev` (watch mode): build what is
// not built, start api and web, print both URLs once they answer, and stop both
// on Ctrl-C or SIGTERM. Each service migrates its own database as it starts.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import { tsImport } from "tsx/esm/api";
import { needsBuild } from "./lib/build-state.mjs";
import { services } from "./lib/services.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// Every line of `npm start` is one JSON object, like the services' own (each
// carries `service`): pipe the output through `npx pino-pretty` to read it.
function say(level, msg, fields = {}) {
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    service: "start",
    msg,
    ...fields,
  });
  (level >= 40 ? process.stderr : process.stdout).write(`${line}\n`);
}
const dev = process.argv.includes("--dev");
const envFile = join(root, ".env");
if (existsSync(envFile)) loadDotenv({ path: envFile, quiet: true });

// The same derivation both apps run (packages/config, TypeScript, loaded
// through tsx): WEB_PORT/API_PORT alone move every address, and a bad or
// contradictory variable stops here, before any build.
const { systemAddresses, ConfigError } = await tsImport("@taskgate/config/system", import.meta.url);
let addresses;
try {
  addresses = systemAddresses(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const line of error.problems) say(50, `config error: ${line}`);
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_ENV: dev ? "development" : "production",
  WEB_PORT: String(addresses.webPort),
  API_PORT: String(addresses.apiPort),
  // The api listens on API_PORT; the web server reads WEB_PORT (PORT kept for Next tooling).
  PORT: String(addresses.webPort),
  NEXT_TELEMETRY_DISABLED: "1",
};
const list = services(root, env, { dev, addresses });
// Optional copy of both services' output, e.g. for the end-to-end log audit.
const logCopy = process.env.TASKGATE_LOG_FILE
  ? createWriteStream(process.env.TASKGATE_LOG_FILE, { flags: "a" })
  : null;

/**
 * Runs one build, its output turned into JSON lines of the wrapper's own
 * (`source: "build"`), so even a first start prints nothing but JSON.
 */
function build(workspace) {
  const child = spawn("npm", ["run", "build", "-w", workspace], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, NODE_ENV: "production" },
  });
  for (const [stream, level] of [
    [child.stdout, 30],
    [child.stderr, 40],
  ]) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: removing colour codes is the point
        const text = line.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").trim();
        if (text) say(level, text, { source: "build", workspace });
      }
    });
  }
  return new Promise((done) => child.on("close", (code) => done(code ?? 1)));
}

if (!dev) {
  for (const service of list) {
    const { workspace, artifact, sources } = service.build;
    if (!needsBuild(artifact, sources)) continue;
    say(30, `building ${workspace}…`);
    const code = await build(workspace);
    if (code !== 0) {
      say(50, `the build of ${workspace} failed (exit ${code})`);
      process.exit(code);
    }
  }
}

/** Copies whole lines of `stream` to `out` and the log copy (only when a copy is asked for). */
function tee(stream, out) {
  let buffered = "";
  stream.on("data", (chunk) => {
    buffered += chunk;
    const end = buffered.lastIndexOf("\n") + 1;
    if (end === 0) return;
    const lines = buffered.slice(0, end);
    buffered = buffered.slice(end);
    out.write(lines);
    logCopy?.write(lines);
  });
}

const children = list.map((service) => {
  // The services write straight to this process's stdout and stderr: no
  // per-line work here on a request's hot path (issue 16). Only a log copy
  // needs the output to pass through, whole lines at a time.
  const child = spawn(process.execPath, service.command, {
    cwd: service.cwd,
    env,
    stdio: logCopy ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  if (logCopy) {
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
  }
  child.on("exit", (code, signal) => {
    if (stopping) return;
    say(50, `${service.name} exited (${signal ?? code}); stopping the other service`);
    stop(code || 1);
  });
  return child;
});

let stopping = false;
function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill("SIGTERM");
  // Services drain requests in flight on SIGTERM; force only if one hangs.
  const force = setTimeout(() => {
    for (const child of running) child.kill("SIGKILL");
  }, 10_000);
  const exited = running.map(
    (child, i) =>
      new Promise((done) =>
        child.once("exit", (code, signal) =>
          done({ name: list[children.indexOf(child)]?.name ?? String(i), code, signal }),
        ),
      ),
  );
  Promise.all(exited).then((results) => {
    clearTimeout(force);
    // A service that did not shut down cleanly makes the whole stop a failure.
    const unclean = results.filter((r) => r.code !== 0);
    for (const r of unclean) say(50, `${r.name} stopped uncleanly (${r.signal ?? r.code})`);
    process.exit(unclean.length > 0 && exitCode === 0 ? 1 : exitCode);
  });
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

async function waitUntilUp(service, deadline) {
  while (Date.now() < deadline && !stopping) {
    const ok = await fetch(service.probe).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const deadline = Date.now() + (dev ? 120_000 : 60_000);
const up = await Promise.all(list.map((service) => waitUntilUp(service, deadline)));
if (up.every(Boolean)) {
  const urls = Object.fromEntries(list.map((service) => [service.name, service.url]));
  say(
    30,
    `Taskgate is running: ${list.map((s) => `${s.name} ${s.url}`).join(", ")} (Ctrl-C stops)`,
    {
      event: "start.ready",
      ...urls,
    },
  );
} else if (!stopping) {
  say(50, "a service did not answer in time; stopping");
  stop(1);
}
