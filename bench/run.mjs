#!/usr/bin/env node
// `npm run bench`: the api's production build under load, every figure a
// ratio to a raw node:http ceiling measured in the same run (see
// docs/performance.md for the method). `--quick` (CI): about 2 s per
// scenario, no token flood, results kept in bench/results/tmp/; it proves
// the suite runs and fails only on a crashed server or non-2xx answers,
// never on timing.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createTestDatabase, postgresProblem } from "@taskgate/test-services";
import { needsBuild } from "../scripts/lib/build-state.mjs";
import { API_NODE_FLAGS } from "../scripts/lib/services.mjs";
import { createProofKey, signProofsParallel } from "./lib/dpop-proofs.mjs";
import { atRate, hasWrk, peak } from "./lib/load.mjs";
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
import { BENCH_FEED_SECRET, migrate, seed, USER_SIZES } from "./lib/seed.mjs";
import { seedPostgres } from "./lib/seed-postgres.mjs";
import { measureStartup } from "./lib/startup.mjs";
import { rssMiB, systemInfo } from "./lib/system-info.mjs";
import {
  AUDIENCE,
  createSigningKey,
  ISSUER,
  signToken,
  startIdentityServer,
} from "./lib/tokens.mjs";
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
async function measure(scenario, servers) {
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
    data: scenario.data,
    request: `${target.method ?? "GET"} ${scenario.path}`,
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
 * Fills the feed, then waits until the api refuses a token of one of the
 * listed sessions: proof that the list is loaded and checked (a no-op check
 * would measure nothing).
 */
async function listRevocations(identity, key, base, api) {
  const sessions = Array.from({ length: REVOKED_SESSIONS }, () => randomUUID());
  const users = Array.from({ length: REVOKED_USERS }, () => randomUUID());
  identity.revoke({ sessions, users });
  const revoked = signToken(key, randomUUID(), sessions[sessions.length - 1]);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (api.exited) throw new Error(`api exited: ${api.stderr.slice(-1500)}`);
    const response = await fetch(`${base}/api/protected`, {
      headers: { authorization: `Bearer ${revoked}` },
    });
    await response.arrayBuffer();
    if (response.status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the api never refused a token of a revoked session (is the feed polled?)");
}

/** The api, production build, started as npm start does and pinned to the server core. */
async function startApi(jwksUrl, dataDir, databaseUrl) {
  const port = await freePort();
  const api = startChild(
    "api",
    SERVER_CORE,
    process.execPath,
    [...API_NODE_FLAGS, join(root, "apps/api/dist/main.js")],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        API_HOST: "127.0.0.1",
        API_PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        REVOCATION_FEED_SECRET: BENCH_FEED_SECRET,
        JWKS_URL: jwksUrl,
        // The bench's own key server plays the web app (packages/config
        // requires the issuer to be WEB_URL).
        WEB_URL: ISSUER,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        JWT_ALGORITHM: "RS256",
        CORS_ORIGINS: ISSUER,
        // What DPoP proofs name in htu: the address the bench's clients use.
        API_URL: `http://127.0.0.1:${port}`,
        // One client and one user send every request of a scenario, far past
        // what the api's defaults allow a real one: the limiter still runs
        // (its cost is measured) but never refuses.
        API_RATE_LIMIT_CLIENT_MAX: "1000000000",
        API_RATE_LIMIT_USER_MAX: "1000000000",
      },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  // /ready: database answers and the JWKS is loaded.
  await waitForHttp(`${base}/ready`, api);
  log(`api ready on ${base} (pid ${api.child.pid}, ${databaseUrl ? "PostgreSQL" : "SQLite"})`);
  return { api, base };
}

/** The scenarios that touch the database, for one engine's seeded users. */
function dataScenarios(base, users, token, dataset) {
  const auth = (name) => ({ authorization: `Bearer ${token[name]}` });
  const json = { "content-type": "application/json" };
  const list = (name) => ({
    url: `${base}/api/${users[name].id}/tasks?limit=20`,
    headers: auth(name),
  });
  return [
    {
      id: "list-1k",
      name: "list 1,000",
      data: `user with 1,000 tasks (${dataset})`,
      path: "/api/{user}/tasks?limit=20",
      target: list("medium"),
    },
    {
      id: "create",
      name: "create",
      data: "new task per request",
      path: "/api/{user}/tasks",
      target: {
        url: `${base}/api/${users.writer.id}/tasks`,
        method: "POST",
        headers: { ...auth("writer"), ...json },
        body: JSON.stringify({ title: "Benchmark task", description: "Created by bench/run.mjs" }),
      },
    },
    {
      id: "complete",
      name: "complete",
      data: 'one task, {"completed":true}',
      path: "/api/{user}/tasks/{id}/complete",
      target: {
        url: `${base}/api/${users.writer.id}/tasks/${users.writer.taskIds[0]}/complete`,
        method: "PATCH",
        headers: { ...auth("writer"), ...json },
        body: JSON.stringify({ completed: true }),
      },
    },
    {
      id: "list-100",
      name: "list 100",
      data: "user with 100 tasks",
      path: "/api/{user}/tasks?limit=20",
      target: list("small"),
    },
    {
      id: "list-100k",
      name: "list 100,000",
      data: "user with 100,000 tasks",
      path: "/api/{user}/tasks?limit=20",
      target: list("large"),
    },
  ];
}

/**
 * The same data scenarios against the api on PostgreSQL (a database of the
 * run's own, dropped after it), when one answers at TEST_DATABASE_URL.
 */
async function measurePostgres(jwksUrl, key, dataDir) {
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
    await migrate(root, dataDir, database.url);
    const { users } = await seedPostgres(database.url);
    const token = Object.fromEntries(
      Object.entries(users).map(([n, u]) => [n, signToken(key, u.id)]),
    );
    const { api, base } = await startApi(jwksUrl, dataDir, database.url);
    try {
      const dataset = `PostgreSQL, ${Object.keys(users).length} users`;
      for (const scenario of dataScenarios(base, users, token, dataset)) {
        if (!wanted(scenario.id)) continue;
        const named = { ...scenario, name: `${scenario.name} (PostgreSQL)` };
        log(`measuring ${named.name}…`);
        results.push(await measure(named, [api]));
      }
    } finally {
      await stopChild(api);
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

  const { api, base } = await startApi(jwks.url, dataDir, "");

  const auth = (name) => ({ authorization: `Bearer ${token[name]}` });
  const apiScenarios = [
    {
      id: "health",
      name: "health",
      data: "none",
      path: "/health",
      target: { url: `${base}/health` },
    },
    {
      id: "protected",
      name: "protected",
      data: "valid token",
      path: "/api/protected",
      target: { url: `${base}/api/protected`, headers: auth("small") },
    },
    ...dataScenarios(base, users, token, dataset),
  ];
  for (const scenario of apiScenarios) {
    if (only && !only.has(scenario.id)) continue;
    log(`measuring ${scenario.name}…`);
    scenarios.push(await measure(scenario, [api]));
  }

  const dpop = await measureDpopBesideBearer(base, api, key, users);

  // The cost of revocation checks: the same protected request while the feed
  // lists 10,000 revoked sessions and 100 deleted users (none of them the
  // bench's), next to the run above with an empty feed.
  const revocationScenario = "protected, 10,000 revoked";
  if (!only || only.has("protected-revoked")) {
    await listRevocations(jwks, key, base, api);
    log(`measuring ${revocationScenario}…`);
    scenarios.push(
      await measure(
        {
          name: revocationScenario,
          data: `valid token; feed lists ${fmt(REVOKED_SESSIONS)} sessions + ${REVOKED_USERS} users`,
          path: "/api/protected",
          target: { url: `${base}/api/protected`, headers: auth("small") },
        },
        [api],
      ),
    );
  }
  const memory = { afterScenariosMiB: rssMiB(api.child.pid) };

  if (!quick) {
    log(`signing ${fmt(FLOOD_TOKENS)} distinct tokens (two worker threads)…`);
    const started = Date.now();
    const tokens = await signFloodTokens(key);
    const file = join(tmp, "flood-tokens.txt");
    writeFileSync(file, `${tokens.join("\n")}\n`);
    log(`signed in ${((Date.now() - started) / 1000).toFixed(1)} s; flooding /api/protected…`);
    const before = rssMiB(api.child.pid);
    const out = await runChild(
      LOAD_CORE,
      process.execPath,
      [
        join(here, "lib/flood.mjs"),
        `${base}/api/protected`,
        file,
        String(CONNECTIONS),
        String(FLOOD_MAX_SECONDS),
      ],
      { timeoutMs: (FLOOD_MAX_SECONDS + 60) * 1000 },
    );
    if (api.exited)
      throw new Error(`api crashed during the token flood: ${api.stderr.slice(-1500)}`);
    const flood = JSON.parse(out);
    const after = rssMiB(api.child.pid);
    const changePct = ((after - before) / before) * 100;
    memory.flood = { ...flood, before, after, changePct, met: Math.abs(changePct) <= 10 };
  }
  memory.finalMiB = rssMiB(api.child.pid);
  memory.finalMet = memory.finalMiB !== null && memory.finalMiB <= RSS_TARGET_MIB;
  await stopChild(api);
  if (api.exited?.code !== 0 && api.exited?.signal !== "SIGTERM") {
    log(`api exit on SIGTERM: ${JSON.stringify(api.exited)}`);
  }

  scenarios.push(...(await measurePostgres(jwks.url, key, dataDir)));

  log("measuring the ceiling again…");
  const ceilingAfter = await measureCeiling();
  ceilingAfter.name = "ceiling (after)";
  scenarios.push(ceilingAfter);

  // Ratios and targets, against the mean of the two ceiling runs.
  const ceilingRps = (ceilingBefore.peak.rps + ceilingAfter.peak.rps) / 2;
  const ceilingSpreadPct =
    (Math.abs(ceilingBefore.peak.rps - ceilingAfter.peak.rps) / ceilingRps) * 100;
  const pctTargets = {
    protected: 70,
    [revocationScenario]: 70,
    "list 1,000": 50,
    "list 1,000 (PostgreSQL)": 50,
    create: 25,
  };
  for (const s of scenarios) {
    s.pctOfCeiling = (s.peak.rps / ceilingRps) * 100;
    const halfOk = s.half.p99 < 5;
    const pct = pctTargets[s.name];
    if (pct !== undefined) {
      s.target = `≥ ${pct} % of ceiling; p99 half < 5 ms`;
      s.met = s.pctOfCeiling >= pct && halfOk;
    } else {
      s.target = "p99 half < 5 ms";
      s.met = halfOk;
    }
  }
  const byName = Object.fromEntries(scenarios.map((s) => [s.name, s]));
  let listRatio = null;
  if (byName["list 100"] && byName["list 100,000"]) {
    const small = byName["list 100"].probe.p50_us;
    const large = byName["list 100,000"].probe.p50_us;
    listRatio = { small, large, ratio: large / small, met: large / small <= 1.5 };
    byName["list 100,000"].target += "; p50 ≤ 1.5× list 100";
    byName["list 100,000"].met &&= listRatio.met;
  }
  // What Fastify itself leaves: each api route as a share of the bare-Fastify floor.
  const floor = byName["fastify floor"];
  const floorShare = floor
    ? {
        ofCeilingPct: floor.pctOfCeiling,
        routes: Object.fromEntries(
          scenarios
            .filter((s) => !["ceiling", "ceiling (after)", "fastify floor"].includes(s.name))
            .map((s) => [s.name, (s.peak.rps / floor.peak.rps) * 100]),
        ),
      }
    : null;
  let revocationCost = null;
  if (byName.protected && byName[revocationScenario]) {
    const plain = byName.protected;
    const listed = byName[revocationScenario];
    revocationCost = {
      rpsRatio: listed.peak.rps / plain.peak.rps,
      probeP50: { empty: plain.probe.p50_us, listed: listed.probe.p50_us },
    };
  }

  return {
    seeded: { users: USER_SIZES, totalTasks },
    ceiling: { rps: ceilingRps, spreadPct: ceilingSpreadPct },
    scenarios,
    listRatio,
    revocationCost,
    floorShare,
    memory,
    micro,
    dpop,
  };
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
  if (!existsSync(join(root, "apps/web/.next/BUILD_ID"))) {
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
    startup,
    memory: suite.memory,
    micro: suite.micro,
    dpop: suite.dpop,
    web,
    lighthouse,
  };
  console.log("");
  printTable(results);
  const failed = suite.scenarios.filter((s) => s.failed).map((s) => s.name);
  for (const d of suite.dpop ?? []) if (d.failed) failed.push(`${d.name} (DPoP beside Bearer)`);
  const flood = suite.memory?.flood;
  if (flood && flood.non2xx + flood.errors > 0) failed.push("token flood");
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
