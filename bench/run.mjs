#!/usr/bin/env node
// `npm run bench`: the api's production build under load, every figure a
// ratio to a raw node:http ceiling measured in the same run (see
// docs/performance.md for the method). `--quick` (CI): about 2 s per
// scenario, no token flood, results kept in bench/results/tmp/; it proves
// the suite runs and fails only on a crashed server or non-2xx answers,
// never on timing.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createTestDatabase, postgresProblem } from "@taskgate/test-services";
import { needsBuild } from "../scripts/lib/build-state.mjs";
import { MODE_LABELS, startApiAsShipped, startApiBenchMode, stopApi } from "./lib/api-process.mjs";
import { createProofKey, signProofsParallel } from "./lib/dpop-proofs.mjs";
import { atRate, hasWrk, peak } from "./lib/load.mjs";
import { readLogSummary } from "./lib/log-lines.mjs";
import {
  freePort,
  hasTaskset,
  killAllChildren,
  LOAD_CORE,
  runChild,
  SERVER_CORE,
  startChild,
  stopChild,
  waitForHttp,
} from "./lib/processes.mjs";
import { printTable, writeDocsSection, writeJson } from "./lib/report.mjs";
import { apiScenarios, dataScenarios, fetchListEtag } from "./lib/scenarios.mjs";
import { migrate, seed, USER_SIZES } from "./lib/seed.mjs";
import { seedPostgres } from "./lib/seed-postgres.mjs";
import { measureStartup } from "./lib/startup.mjs";
import { rssMiB, systemInfo } from "./lib/system-info.mjs";
import { floorShare, judge, listRatio, loggingCost, revocationCost } from "./lib/targets.mjs";
import { createSigningKey, signToken, startIdentityServer } from "./lib/tokens.mjs";
import { measureFirstLoad, TARGET_KIB } from "./web-first-load.mjs";
import { measureLighthouse } from "./web-lighthouse.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const quick = process.argv.includes("--quick");
// `--only=protected,create`: just those api scenarios, by id (and the
// ceiling), for checking one change; the docs table is left alone.
const onlyArg = process.argv.find((arg) => arg.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice("--only=".length).split(",")) : null;
// `--only=lighthouse` runs Lighthouse alone: no api scenarios, no ceiling.
const runApiSuite = !only || [...only].some((id) => id !== "lighthouse");

// Seconds per phase. Quick: about 2 s of load per scenario.
const T = quick
  ? { warmup: 1, peak: 2, half: 1, probe: 0.5, microOps: 200 }
  : { warmup: 2, peak: 10, half: 5, probe: 2, microOps: 2000 };
const CONNECTIONS = 50;
const FLOOD_TOKENS = 100_000;
const FLOOD_MAX_SECONDS = 240;
const RSS_TARGET_MIB = 120;
const REVOKED_SCENARIO = "protected, 10,000 revoked";
const REVOKED_SESSIONS = 10_000;
const REVOKED_USERS = 100;

// ---- clean-up on every exit path --------------------------------------
const resultsDir = join(here, "results");
const tmpParent = join(resultsDir, "tmp");
mkdirSync(tmpParent, { recursive: true });
const tmp = mkdtempSync(join(tmpParent, "run-"));
const closers = [];
const cleanUpSync = () => {
  killAllChildren();
  rmSync(tmp, { recursive: true, force: true });
};
process.on("exit", cleanUpSync);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping`);
    process.exit(130);
  });
}

// A watchdog over the whole run: a wait that no inner bound caught ends the
// run with a message instead of holding CI until its own timeout.
const WATCHDOG_MINUTES = quick ? 20 : 120;
setTimeout(() => {
  console.error(`\n[bench] still running after ${WATCHDOG_MINUTES} min: stopping`);
  process.exit(1);
}, WATCHDOG_MINUTES * 60_000).unref();

const log = (message) => console.log(`[bench] ${message}`);
const fmt = (n) => n.toLocaleString("en-US");

// ---- builds ---------------------------------------------------------------
function ensureBuilt(workspace, artifact, sources) {
  if (!needsBuild(artifact, sources)) return false;
  log(`building ${workspace} (missing or older than its sources)…`);
  const result = spawnSync("npm", ["run", "build", "-w", workspace], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`build of ${workspace} failed`);
  return true;
}

const apiSources = [
  join(root, "apps/api/src"),
  join(root, "apps/api/package.json"),
  join(root, "packages"),
];
const webSources = [
  join(root, "apps/web/src"),
  join(root, "apps/web/package.json"),
  join(root, "apps/web/next.config.ts"),
  join(root, "packages"),
];

// ---- one scenario -----------------------------------------------------------
async function measure(scenario, servers, mode = null) {
  const { target } = scenario;
  const alive = () => {
    for (const server of servers) {
      if (server.exited) {
        throw new Error(
          `${server.name} crashed during "${scenario.name}": ${server.stderr.trim().slice(-1500)}`,
        );
      }
    }
  };
  const warm = await peak(root, tmp, target, { connections: CONNECTIONS, seconds: T.warmup });
  alive();
  const top = await peak(root, tmp, target, { connections: CONNECTIONS, seconds: T.peak });
  alive();
  const half = await atRate(target, {
    connections: CONNECTIONS,
    seconds: T.half,
    rate: top.rps / 2,
  });
  alive();
  const probeOut = await runChild(
    LOAD_CORE,
    process.execPath,
    [
      join(here, "lib/probe.mjs"),
      target.url,
      target.method ?? "GET",
      JSON.stringify(target.headers ?? {}),
      target.body ?? "",
      String(T.probe),
      ...(target.expectStatus ? [String(target.expectStatus)] : []),
    ],
    { timeoutMs: (T.probe + 30) * 1000 },
  );
  const probe = JSON.parse(probeOut);
  alive();
  const phases = [warm, top, half];
  const non2xx = phases.reduce((sum, p) => sum + p.non2xx, 0) + probe.non2xx;
  const errors = phases.reduce((sum, p) => sum + p.errors, 0) + probe.errors;
  return {
    name: scenario.name,
    mode,
    data: scenario.data,
    request: `${target.method ?? "GET"} ${scenario.path}`,
    // Every answer of the scenario, for the log-line count of the shipped mode.
    answered: warm.requests + top.requests + half.requests + probe.count,
    peak: { rps: top.rps, p50: top.p50, p99: top.p99, tool: top.tool, requests: top.requests },
    half: {
      rate: top.rps / 2,
      rps: half.rps,
      p50: half.p50,
      p99: half.p99,
      keptUp: half.keptUp,
      maxLagMs: half.maxLagMs,
      tool: half.tool,
    },
    probe,
    non2xx,
    errors,
    failed: non2xx + errors > 0,
  };
}

/**
 * Fills the feed, then waits until every api refuses a token of one of the
 * listed sessions: proof that the list is loaded and checked (a no-op check
 * would measure nothing).
 */
async function listRevocations(identity, key, apis) {
  const sessions = Array.from({ length: REVOKED_SESSIONS }, () => randomUUID());
  const users = Array.from({ length: REVOKED_USERS }, () => randomUUID());
  identity.revoke({ sessions, users });
  const revoked = signToken(key, randomUUID(), sessions[sessions.length - 1]);
  const deadline = Date.now() + 15_000;
  for (const { state, base } of apis) {
    for (;;) {
      if (state.exited) throw new Error(`${state.name} exited: ${state.stderr.slice(-1500)}`);
      const response = await fetch(`${base}/api/protected`, {
        headers: { authorization: `Bearer ${revoked}` },
      });
      await response.arrayBuffer();
      if (response.status === 401) break;
      if (Date.now() > deadline) {
        throw new Error(`${state.name} never refused a token of a revoked session (feed polled?)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * The api in both modes (bench/lib/api-process.mjs), each on its own copy of
 * the seeded data: as shipped first, then bench mode. Both stay up (pinned
 * to the server core, the one not measured idle), so every scenario is
 * measured in the two modes back to back.
 */
async function startBothApis(jwksUrl, seededDir, databaseUrl, engine) {
  const apis = [];
  try {
    for (const mode of ["shipped", "bench"]) {
      const dataDir = `${seededDir}-${mode}`;
      cpSync(seededDir, dataDir, { recursive: true });
      const options = { jwksUrl, dataDir, databaseUrl };
      const api =
        mode === "shipped"
          ? await startApiAsShipped(root, {
              ...options,
              logFile: join(tmp, `npm-start-${engine}.log`),
            })
          : await startApiBenchMode(root, options);
      apis.push(api);
      log(`api ${MODE_LABELS[mode]} on ${api.base} (pid ${api.pid}, ${engine})`);
    }
  } catch (error) {
    for (const api of apis) await stopApi(api);
    throw error;
  }
  return apis;
}

/** Measures one scenario on each api, back to back. */
async function measureBoth(scenarioFor, apis, results) {
  for (const api of apis) {
    const scenario = scenarioFor(api);
    log(`measuring ${scenario.name} (${MODE_LABELS[api.mode]})…`);
    results.push(await measure(scenario, [api.state], api.mode));
  }
}

/**
 * The same data scenarios against the api on PostgreSQL (a database of the
 * run's own, dropped after it), when one answers at TEST_DATABASE_URL.
 */
async function measurePostgres(jwksUrl, key) {
  const wanted = (id) => !only || only.has(`pg-${id}`);
  if (only && ![...only].some((id) => id.startsWith("pg-"))) return [];
  const problem = await postgresProblem();
  if (problem) {
    log(`PostgreSQL scenarios skipped: ${problem}`);
    return [];
  }
  const database = await createTestDatabase("bench");
  const results = [];
  try {
    const pgDir = join(tmp, "pg-data");
    mkdirSync(pgDir, { recursive: true });
    await migrate(root, pgDir, database.url);
    const { users } = await seedPostgres(database.url);
    const token = Object.fromEntries(
      Object.entries(users).map(([n, u]) => [n, signToken(key, u.id)]),
    );
    const apis = await startBothApis(jwksUrl, pgDir, database.url, "postgres");
    try {
      const dataset = `PostgreSQL, ${Object.keys(users).length} users`;
      const lists = await Promise.all(
        apis.map(async (api) =>
          dataScenarios(
            api.base,
            users,
            token,
            dataset,
            await fetchListEtag(api.base, users, token),
          ),
        ),
      );
      for (const [i, scenario] of lists[0].entries()) {
        if (!wanted(scenario.id)) continue;
        await measureBoth(
          (api) => ({ ...lists[apis.indexOf(api)][i], name: `${scenario.name} (PostgreSQL)` }),
          apis,
          results,
        );
      }
    } finally {
      for (const api of apis) await stopApi(api);
    }
  } finally {
    await database.drop();
  }
  return results;
}

/** A reference server (the raw ceiling, or bare Fastify) pinned like the api, measured, stopped. */
async function measureReference(name, script, label) {
  const port = await freePort();
  const server = startChild(name, SERVER_CORE, process.execPath, [
    join(here, script),
    String(port),
  ]);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, server);
    return await measure(
      {
        name,
        data: "none",
        path: `/ (${label})`,
        target: { url: `http://127.0.0.1:${port}/` },
      },
      [server],
    );
  } finally {
    await stopChild(server);
  }
}

const measureCeiling = () => measureReference("ceiling", "lib/ceiling-server.mjs", "raw node:http");

// ---- DPoP beside Bearer ---------------------------------------------------------
/** One lane run (bench/lib/request-lanes.mjs) on the load core. */
async function lanes(url, authorization, { proofsFile = "-", count = 10_000_000, seconds }) {
  const out = await runChild(
    LOAD_CORE,
    process.execPath,
    [
      join(here, "lib/request-lanes.mjs"),
      url,
      "GET",
      authorization,
      proofsFile,
      String(count),
      String(CONNECTIONS),
      String(seconds),
    ],
    { timeoutMs: (seconds + 60) * 1000 },
  );
  return JSON.parse(out);
}

/**
 * The cost of token binding under load: the same request with an unbound
 * token as Bearer, then with a bound token as DPoP and a fresh proof each
 * time, through one client (request-lanes.mjs), one after the other in the
 * same run. The Bearer run's throughput sizes the proofs signed for the DPoP
 * run (each is good once); the DPoP run stops when they run out.
 */
async function measureDpopBesideBearer(base, api, key, users) {
  const proofKey = createProofKey();
  const targets = [
    { id: "protected", name: "protected", path: "/api/protected", user: users.small },
    {
      id: "list-100",
      name: "list 20 (of 100)",
      path: `/api/${users.small.id}/tasks`,
      query: "?limit=20",
      user: users.small,
    },
  ];
  const results = [];
  for (const target of targets) {
    if (only && !only.has(target.id) && !only.has("dpop")) continue;
    const url = `${base}${target.path}${target.query ?? ""}`;
    const unbound = signToken(key, target.user.id);
    const bound = signToken(key, target.user.id, randomUUID(), { cnf: { jkt: proofKey.jkt } });
    log(`measuring ${target.name}: Bearer, then DPoP (same client)…`);
    await lanes(url, `Bearer ${unbound}`, { seconds: T.warmup });
    const bearer = await lanes(url, `Bearer ${unbound}`, { seconds: T.peak });
    if (api.exited) throw new Error(`api crashed: ${api.stderr.slice(-1500)}`);
    const count = Math.min(300_000, Math.ceil(bearer.rps * T.peak * 1.2) + 200);
    const started = Date.now();
    const proofs = await signProofsParallel(proofKey, {
      count,
      method: "GET",
      htu: `${base}${target.path}`,
      token: bound,
    });
    const proofsFile = join(tmp, "dpop-proofs.txt");
    writeFileSync(proofsFile, `${proofs.join("\n")}\n`);
    log(`  signed ${fmt(count)} proofs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const dpop = await lanes(url, `DPoP ${bound}`, { proofsFile, seconds: T.peak });
    if (api.exited) throw new Error(`api crashed: ${api.stderr.slice(-1500)}`);
    results.push({
      name: target.name,
      request: `GET ${target.path}${target.query ?? ""}`,
      bearer,
      dpop,
      rpsRatio: dpop.rps / bearer.rps,
      p50DeltaMs: dpop.p50 - bearer.p50,
      failed: bearer.non2xx + bearer.errors + dpop.non2xx + dpop.errors > 0,
    });
  }
  return results;
}

// ---- token flood (full mode) ----------------------------------------------------
async function signFloodTokens(key) {
  const workers = 2;
  const per = Math.ceil(FLOOD_TOKENS / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const worker = new Worker(join(here, "lib/sign-worker.mjs"), {
        workerData: {
          kid: key.kid,
          privatePem: key.privatePem,
          from: w * per,
          to: Math.min(FLOOD_TOKENS, (w + 1) * per),
        },
      });
      return new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      }).finally(() => worker.terminate());
    }),
  );
  return parts.flat();
}

// ---- the api suite ------------------------------------------------------------
/**
 * Everything measured against the api: the micro-benchmark, the ceiling and
 * the Fastify floor, the api's scenarios (SQLite, then PostgreSQL when one
 * answers), the revocation cost and, in full mode, the token flood.
 */
async function measureApiSuite() {
  // Identity: key, JWKS on 127.0.0.1, tokens.
  const key = createSigningKey();
  const jwks = await startIdentityServer(key.publicJwk);
  closers.push(() => jwks.close());

  // Data, written before the api starts.
  const dataDir = join(tmp, "data");
  mkdirSync(dataDir, { recursive: true });
  await migrate(root, dataDir);
  const seeded = seed(dataDir);
  const { users } = seeded;
  const totalTasks = Object.values(USER_SIZES).reduce((a, b) => a + b, 0);
  const dataset = `${Object.keys(users).length} users, ${fmt(totalTasks)} tasks`;
  log(`seeded ${dataset} (users with ${Object.values(USER_SIZES).map(fmt).join(" / ")} tasks)`);
  const token = Object.fromEntries(
    Object.entries(users).map(([n, u]) => [n, signToken(key, u.id)]),
  );
  const auth = (name) => ({ authorization: `Bearer ${token[name]}` });

  // Micro-benchmark first, while no server competes for the core.
  log("token verification micro-benchmark…");
  let micro = null;
  try {
    micro = JSON.parse(
      await runChild(
        SERVER_CORE,
        process.execPath,
        ["--import", "tsx", join(here, "verify-micro.mjs"), "--json", "--n", String(T.microOps)],
        { timeoutMs: 180_000 },
      ),
    );
  } catch (error) {
    log(`micro-benchmark failed: ${error.message}`);
  }

  // The ceiling, pinned like the api, measured before and after the api's
  // scenarios: the machine is shared, and the spread between the two says how
  // much the background moved during the run.
  const scenarios = [];
  log("measuring the ceiling (raw node:http)…");
  const ceilingBefore = await measureCeiling();
  scenarios.push(ceilingBefore);
  log("measuring the Fastify floor (bare Fastify, no hooks)…");
  scenarios.push(await measureReference("fastify floor", "lib/fastify-floor.mjs", "bare Fastify"));

  const apis = await startBothApis(jwks.url, dataDir, "", "sqlite");
  const shipped = apis[0];
  const memory = {};
  let logSummary = null;
  try {
    const lists = await Promise.all(
      apis.map(async (api) =>
        apiScenarios(api.base, users, token, dataset, await fetchListEtag(api.base, users, token)),
      ),
    );
    for (const [i, scenario] of lists[0].entries()) {
      if (only && !only.has(scenario.id)) continue;
      await measureBoth((api) => lists[apis.indexOf(api)][i], apis, scenarios);
    }

    // As shipped only: a ratio within one api, the figure a user gets.
    const dpop = await measureDpopBesideBearer(shipped.base, shipped.state, key, users);
    memory.dpop = dpop;

    // The cost of revocation checks: the same protected request while the feed
    // lists 10,000 revoked sessions and 100 deleted users (none of them the
    // bench's), next to the run above with an empty feed.
    if (!only || only.has("protected-revoked")) {
      await listRevocations(jwks, key, apis);
      await measureBoth(
        (api) => ({
          name: REVOKED_SCENARIO,
          data: `valid token; feed lists ${fmt(REVOKED_SESSIONS)} sessions + ${REVOKED_USERS} users`,
          path: "/api/protected",
          target: { url: `${api.base}/api/protected`, headers: auth("small") },
        }),
        apis,
        scenarios,
      );
    }
    for (const api of apis) memory[api.mode] = { afterScenariosMiB: rssMiB(api.pid) };

    if (!quick) {
      log(`signing ${fmt(FLOOD_TOKENS)} distinct tokens (two worker threads)…`);
      const started = Date.now();
      const tokens = await signFloodTokens(key);
      const file = join(tmp, "flood-tokens.txt");
      writeFileSync(file, `${tokens.join("\n")}\n`);
      log(`signed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // Each api meets the same 100,000 tokens for the first time.
      for (const api of apis) {
        log(`flooding /api/protected (${MODE_LABELS[api.mode]})…`);
        memory[api.mode].flood = await flood(api, file);
      }
    }
    for (const api of apis) {
      memory[api.mode].finalMiB = rssMiB(api.pid);
      memory[api.mode].finalMet =
        memory[api.mode].finalMiB !== null && memory[api.mode].finalMiB <= RSS_TARGET_MIB;
    }
  } finally {
    for (const api of apis) {
      await stopApi(api);
      if (api.state.exited?.code !== 0 && api.state.exited?.signal !== "SIGTERM") {
        log(`${api.state.name} exit on SIGTERM: ${JSON.stringify(api.state.exited)}`);
      }
    }
  }
  logSummary = await readLogSummary(shipped.logFile);
  logSummary.answeredShipped = scenarios
    .filter((s) => s.mode === "shipped")
    .reduce((sum, s) => sum + s.answered, 0);
  const dpop = memory.dpop;
  delete memory.dpop;

  scenarios.push(...(await measurePostgres(jwks.url, key)));

  log("measuring the ceiling again…");
  const ceilingAfter = await measureCeiling();
  ceilingAfter.name = "ceiling (after)";
  scenarios.push(ceilingAfter);

  // Ratios and targets, against the mean of the two ceiling runs.
  const ceilingRps = (ceilingBefore.peak.rps + ceilingAfter.peak.rps) / 2;
  const ceilingSpreadPct =
    (Math.abs(ceilingBefore.peak.rps - ceilingAfter.peak.rps) / ceilingRps) * 100;
  judge(scenarios, ceilingRps);

  return {
    seeded: { users: USER_SIZES, totalTasks },
    ceiling: {
      rps: ceilingRps,
      spreadPct: ceilingSpreadPct,
      before: ceilingBefore.peak.rps,
      after: ceilingAfter.peak.rps,
    },
    scenarios,
    loggingCost: loggingCost(scenarios),
    logSummary,
    listRatio: listRatio(scenarios),
    revocationCost: revocationCost(scenarios, REVOKED_SCENARIO),
    floorShare: floorShare(scenarios),
    memory,
    micro,
    dpop,
  };
}

/** The token flood on one api: RSS before and after, every answer counted. */
async function flood(api, file) {
  const before = rssMiB(api.pid);
  const out = await runChild(
    LOAD_CORE,
    process.execPath,
    [
      join(here, "lib/flood.mjs"),
      `${api.base}/api/protected`,
      file,
      String(CONNECTIONS),
      String(FLOOD_MAX_SECONDS),
    ],
    { timeoutMs: (FLOOD_MAX_SECONDS + 60) * 1000 },
  );
  if (api.state.exited) {
    throw new Error(`api crashed during the token flood: ${api.state.stderr.slice(-1500)}`);
  }
  const result = JSON.parse(out);
  const after = rssMiB(api.pid);
  const changePct = ((after - before) / before) * 100;
  return { ...result, before, after, changePct, met: Math.abs(changePct) <= 10 };
}

// ---- the whole system ---------------------------------------------------------
/** Which of the two builds are older than their sources (npm start would rebuild them). */
function staleBuilds() {
  return [
    needsBuild(join(root, "apps/api/dist/main.js"), apiSources) && "api",
    needsBuild(join(root, "apps/web/.next/BUILD_ID"), webSources) && "web",
  ].filter(Boolean);
}

/**
 * Start-up, when both builds are current (otherwise npm start would build,
 * and that is not what the target measures).
 */
async function measureStartupWhenBuilt() {
  const stale = staleBuilds();
  if (stale.length > 0) {
    return { error: `not measured: the ${stale.join(" and ")} build is older than its sources` };
  }
  log("measuring start-up (npm start, built, fresh data directory)…");
  try {
    return await measureStartup(root, tmp);
  } catch (error) {
    return { error: error.message };
  }
}

function measureFirstLoadJs() {
  try {
    const measured = measureFirstLoad(join(root, "apps/web"));
    return {
      ...measured,
      stale: needsBuild(join(root, "apps/web/.next/BUILD_ID"), webSources),
      met: Object.values(measured.routes).every((r) => r.gzipKiB <= TARGET_KIB),
    };
  } catch (error) {
    return { error: error.message };
  }
}

/**
 * Lighthouse on /login and /dashboard (full mode only: about a minute per
 * page). Like every figure here it never fails the run: a crash is reported
 * as "not measured", with the reason.
 */
async function measureLighthouseWhenBuilt() {
  const stale = staleBuilds();
  if (stale.length > 0) {
    return { error: `not measured: the ${stale.join(" and ")} build is older than its sources` };
  }
  log("measuring Lighthouse on /login and /dashboard (npm start, Chromium)…");
  try {
    return await measureLighthouse(root, tmp);
  } catch (error) {
    return { error: `not measured: ${error instanceof Error ? error.message : error}` };
  }
}

// ---- the run ------------------------------------------------------------------
async function main() {
  const info = {
    ...systemInfo(root),
    mode: quick ? "quick" : "full",
    taskset: hasTaskset,
    loadGenerator: hasWrk
      ? "wrk (peak) + bench/lib/fixed-rate.mjs (half-peak latency)"
      : "autocannon (peak) + bench/lib/fixed-rate.mjs (half-peak latency)",
  };
  log(`${info.mode} run, commit ${info.commit}, Node ${info.node}, ${info.cpu}`);
  log(`load generator: ${info.loadGenerator}`);
  if (!hasTaskset) log("taskset not found: servers and load generator are NOT pinned to cores");

  ensureBuilt("@taskgate/api", join(root, "apps/api/dist/main.js"), apiSources);
  // The shipped mode runs npm start, which would build a stale web app itself
  // (inside a measurement's start-up wait): build it here first.
  if (runApiSuite) ensureBuilt("@taskgate/web", join(root, "apps/web/.next/BUILD_ID"), webSources);
  else if (!existsSync(join(root, "apps/web/.next/BUILD_ID"))) {
    ensureBuilt("@taskgate/web", join(root, "apps/web/.next/BUILD_ID"), webSources);
  }

  const suite = runApiSuite ? await measureApiSuite() : { scenarios: [] };
  const startup = runApiSuite ? await measureStartupWhenBuilt() : undefined;
  let lighthouse;
  if (quick) lighthouse = { skipped: "--quick" };
  else if (!only || only.has("lighthouse")) lighthouse = await measureLighthouseWhenBuilt();
  const web = runApiSuite ? measureFirstLoadJs() : undefined;

  const results = {
    info,
    seeded: suite.seeded,
    settings: { connections: CONNECTIONS, seconds: T },
    ceiling: suite.ceiling,
    scenarios: suite.scenarios,
    listRatio: suite.listRatio,
    revocationCost: suite.revocationCost,
    floorShare: suite.floorShare,
    loggingCost: suite.loggingCost,
    logSummary: suite.logSummary,
    startup,
    memory: suite.memory,
    micro: suite.micro,
    dpop: suite.dpop,
    web,
    lighthouse,
  };
  console.log("");
  printTable(results);
  const failed = suite.scenarios
    .filter((s) => s.failed)
    .map((s) => (s.mode ? `${s.name} (${MODE_LABELS[s.mode]})` : s.name));
  for (const d of suite.dpop ?? []) if (d.failed) failed.push(`${d.name} (DPoP beside Bearer)`);
  for (const [mode, memory] of Object.entries(suite.memory ?? {})) {
    const flood = memory.flood;
    if (flood && flood.non2xx + flood.errors > 0) failed.push(`token flood (${MODE_LABELS[mode]})`);
  }
  if (quick || only) {
    writeJson(join(tmpParent, "quick.json"), results);
    log("quick or partial run: results in bench/results/tmp/quick.json (docs untouched)");
  } else {
    writeJson(join(resultsDir, "latest.json"), results);
    writeDocsSection(join(root, "docs/performance.md"), results);
    log("results: bench/results/latest.json and docs/performance.md");
  }
  if (failed.length > 0) {
    console.error(`[bench] FAILED (non-2xx answers or errors): ${failed.join(", ")}`);
    return 1;
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[bench] error: ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  cleanUpSync();
}
process.exit(code);
