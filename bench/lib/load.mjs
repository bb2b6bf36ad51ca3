// The load generators, run as child processes pinned to the load core.
// Peak throughput: wrk when installed (C, far cheaper per request than a Node
// client), otherwise autocannon. Latency at a fixed rate: our own open-loop
// client (fixed-rate.mjs; plain wrk has no fixed-rate mode, that is wrk2, and
// autocannon's is too coarse, see there). All return the same normalized
// shape, with every answer that is not 2xx counted: a fast 401 is not a fast
// server.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOAD_CORE, runChild } from "./processes.mjs";

const here = dirname(fileURLToPath(import.meta.url));

export const hasWrk = spawnSync("sh", ["-c", "command -v wrk"], { stdio: "ignore" }).status === 0;

/**
 * @typedef {{ url: string, method?: string, headers?: Record<string, string>, body?: string, expectStatus?: number }} Target
 * expectStatus: the one status every answer must have (e.g. 304 for a
 * revalidation); without it, any 2xx. "non2xx" counts every other answer.
 * @typedef {{ rps: number, p50: number, p99: number, requests: number, non2xx: number, errors: number, tool: string }} LoadResult
 * Latencies are in milliseconds.
 */

/** Peak throughput with a fixed number of connections for a fixed duration. */
export function peak(root, tmpDir, target, { connections, seconds }) {
  return hasWrk
    ? runWrk(tmpDir, target, { connections, seconds })
    : runAutocannon(root, target, { connections, seconds });
}

/** Latency at a fixed overall request rate (bench/lib/fixed-rate.mjs, open loop). */
export async function atRate(target, { connections, seconds, rate }) {
  const out = await runChild(
    LOAD_CORE,
    process.execPath,
    [
      join(here, "fixed-rate.mjs"),
      target.url,
      target.method ?? "GET",
      JSON.stringify(target.headers ?? {}),
      target.body ?? "",
      String(Math.max(1, Math.round(rate))),
      String(seconds),
      String(connections),
      ...(target.expectStatus ? [String(target.expectStatus)] : []),
    ],
    { timeoutMs: (seconds + 60) * 1000 },
  );
  const json = JSON.parse(out);
  return { tool: "fixed-rate.mjs", ...json, requests: json.completed };
}

async function runAutocannon(root, target, { connections, seconds }) {
  const args = [
    // The bench's own install (bench/package.json), not the app's.
    join(root, "bench/node_modules/autocannon/autocannon.js"),
    "--json",
    "--no-progress",
    "-c",
    String(connections),
    "-d",
    String(seconds),
    "-t",
    "5",
    "-m",
    target.method ?? "GET",
  ];
  for (const [name, value] of Object.entries(target.headers ?? {}))
    args.push("-H", `${name}=${value}`);
  if (target.body !== undefined) args.push("-b", target.body);
  args.push(target.url);
  const out = await runChild(LOAD_CORE, process.execPath, args, {
    timeoutMs: (seconds + 30) * 1000,
  });
  const json = JSON.parse(out);
  return {
    tool: "autocannon",
    rps: json.requests.total / json.duration,
    p50: json.latency.p50,
    p99: json.latency.p99,
    requests: json.requests.total,
    non2xx: target.expectStatus ? unexpected(json, target.expectStatus) : json.non2xx,
    errors: json.errors + json.timeouts,
  };
}

/** Answers whose status is not `expected` (autocannon's per-status counts). */
function unexpected(json, expected) {
  let count = 0;
  for (const [status, { count: n }] of Object.entries(json.statusCodeStats ?? {})) {
    if (Number(status) !== expected) count += n;
  }
  // No per-status counts at all: nothing proves the answers were `expected`.
  return json.statusCodeStats ? count : json.requests.total;
}

// wrk's Lua hooks: set the request once, and print a JSON summary at the end
// (latency in µs; status errors are wrk's "non-2xx or 3xx" count).
const luaString = (value) => JSON.stringify(value);
function wrkScript(target) {
  const lines = [`wrk.method = ${luaString(target.method ?? "GET")}`];
  if (target.body !== undefined) lines.push(`wrk.body = ${luaString(target.body)}`);
  for (const [name, value] of Object.entries(target.headers ?? {})) {
    lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  }
  lines.push(
    "function done(summary, latency, requests)",
    "  local e = summary.errors",
    '  io.write(string.format(\'BENCH_JSON {"requests":%d,"duration_us":%d,"status":%d,"socket":%d,"p50_us":%d,"p99_us":%d}\\n\',',
    "    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,",
    "    latency:percentile(50), latency:percentile(99)))",
    "end",
  );
  return `${lines.join("\n")}\n`;
}

async function runWrk(tmpDir, target, { connections, seconds }) {
  const script = join(tmpDir, "wrk-target.lua");
  writeFileSync(script, wrkScript(target));
  const out = await runChild(
    LOAD_CORE,
    "wrk",
    [
      "-t1",
      `-c${connections}`,
      `-d${Math.max(1, Math.round(seconds))}s`,
      "--timeout",
      "5s",
      "-s",
      script,
      target.url,
    ],
    { timeoutMs: (seconds + 30) * 1000 },
  );
  const line = out.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (!line) throw new Error(`wrk printed no summary: ${out.slice(-1000)}`);
  const json = JSON.parse(line.slice("BENCH_JSON ".length));
  return {
    tool: "wrk",
    rps: json.requests / (json.duration_us / 1e6),
    p50: json.p50_us / 1000,
    p99: json.p99_us / 1000,
    requests: json.requests,
    non2xx: json.status,
    errors: json.socket,
  };
}
