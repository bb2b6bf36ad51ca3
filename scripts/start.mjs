#!/usr/bin/env node
// `npm start` (production builds) and `npm run dev` (watch mode): build what is
// not built, start api and web, print both URLs once they answer, and stop both
// on Ctrl-C or SIGTERM. Each service migrates its own database as it starts.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import { tsImport } from "tsx/esm/api";
import { needsBuild } from "./lib/build-state.mjs";
import { services } from "./lib/services.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
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
  for (const line of error.problems) console.error(`[start] config error: ${line}`);
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_ENV: dev ? "development" : "production",
  WEB_PORT: String(addresses.webPort),
  API_PORT: String(addresses.apiPort),
  // The api listens on API_PORT; Next reads PORT.
  PORT: String(addresses.webPort),
  NEXT_TELEMETRY_DISABLED: "1",
};
const list = services(root, env, { dev, addresses });
// Optional copy of both services' output, e.g. for the end-to-end log audit.
const logCopy = process.env.TASKGATE_LOG_FILE
  ? createWriteStream(process.env.TASKGATE_LOG_FILE, { flags: "a" })
  : null;

if (!dev) {
  for (const { build } of list) {
    if (!needsBuild(build.artifact, build.sources)) continue;
    console.log(`[start] building ${build.workspace}…`);
    const result = spawnSync("npm", ["run", "build", "-w", build.workspace], {
      cwd: root,
      stdio: "inherit",
      env: { ...env, NODE_ENV: "production" },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

const children = list.map((service) => {
  const child = spawn(process.execPath, service.command, {
    cwd: service.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (stream, out) => {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        out.write(`[${service.name}] ${line}\n`);
        logCopy?.write(`[${service.name}] ${line}\n`);
      }
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${service.name} exited (${signal ?? code}); stopping the other service`);
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
    for (const r of unclean)
      console.error(`[start] ${r.name} stopped uncleanly (${r.signal ?? r.code})`);
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
  console.log("\n  Taskgate is running:");
  for (const service of list) console.log(`    ${service.name.padEnd(4)} ${service.url}`);
  console.log("  Press Ctrl-C to stop.\n");
} else if (!stopping) {
  console.error("[start] a service did not answer in time; stopping");
  stop(1);
}
