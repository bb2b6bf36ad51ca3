// Lighthouse 12 on /login (signed out) and /dashboard (signed in), against
// the production system as `npm start` runs it (both apps built, fresh data
// directory, free ports). The dashboard's user is registered through the web
// app's own sign-up endpoint; its session cookie reaches every request of the
// Lighthouse run as an extra header. See bench/lib/lighthouse.mjs for the
// browser and the settings.
// Standalone: `node bench/web-lighthouse.mjs` prints JSON.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromePath, PRESET, runLighthouse } from "./lib/lighthouse.mjs";
import { freePort, startChild, stopChild, waitForHttp } from "./lib/processes.mjs";
import { systemEnv } from "./lib/startup.mjs";

export const TARGETS = { accessibility: 100, "best-practices": 95, performance: 90 };

/**
 * `npm start` on free ports; resolves once both services answer. Started in
 * a process group of its own, killed whole if the benchmark exits first:
 * the bench's last-resort SIGKILL reaches scripts/start.mjs only, which
 * would leave the api and next-server running without it.
 */
async function startSystem(root, tmp) {
  const webPort = await freePort();
  const apiPort = await freePort();
  const env = systemEnv(tmp, webPort, apiPort);
  const state = startChild("npm start", null, process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    env,
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-state.child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killGroup);
  state.child.once("exit", () => process.removeListener("exit", killGroup));
  try {
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${apiPort}/health`, state, 60_000),
      waitForHttp(`http://127.0.0.1:${webPort}/api/auth/jwks`, state, 60_000),
    ]);
  } catch (error) {
    await stopChild(state, 15_000);
    throw error;
  }
  return { state, web: env.BETTER_AUTH_URL };
}

/**
 * Registers a fresh user and returns its session as a Cookie header value.
 * The Origin header is required: Better Auth refuses state-changing requests
 * from an origin it does not trust.
 */
async function signUp(web) {
  const response = await fetch(`${web}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: web },
    body: JSON.stringify({
      name: "Lighthouse Bench",
      email: `lighthouse-${Date.now()}@bench.test`,
      password: "lighthouse-bench-password",
    }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`sign-up answered ${response.status}: ${body.slice(0, 300)}`);
  const cookies = response.headers.getSetCookie().map((line) => line.split(";")[0]);
  if (cookies.length === 0) throw new Error("sign-up set no cookie");
  return cookies.join("; ");
}

/**
 * One plain request per page before Lighthouse: the first request to a route
 * loads its server code, a cost no later visitor pays. Also proves the cookie
 * opens the dashboard (200, not a redirect to /login).
 */
async function warmUp(url, headers) {
  const response = await fetch(url, { headers, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) {
    const where = response.headers.get("location");
    throw new Error(`${url} answered ${response.status}${where ? ` → ${where}` : ""}`);
  }
}

/** Every category at or above its target. */
function meetsTargets(scores) {
  return Object.entries(TARGETS).every(([id, min]) => scores[id] !== null && scores[id] >= min);
}

/** One page: warm-up, Lighthouse, targets; a failure is a result, not a throw. */
async function measurePage(web, path, headers) {
  try {
    await warmUp(`${web}${path}`, headers);
    const result = await runLighthouse(`${web}${path}`, { headers });
    if (new URL(result.finalUrl).pathname !== path) {
      throw new Error(`Lighthouse ended on ${result.finalUrl}, not ${path}`);
    }
    return { ...result, met: meetsTargets(result.scores) };
  } catch (error) {
    return { error: `not measured: ${error instanceof Error ? error.message : error}` };
  }
}

/**
 * `{preset, chromium, targets, pages: {path: result | {error}}, met}`;
 * throws only when the system cannot start or the user cannot sign up.
 */
export async function measureLighthouse(root, tmp) {
  const { state, web } = await startSystem(root, tmp);
  try {
    const cookie = await signUp(web);
    const pages = {
      "/login": await measurePage(web, "/login", {}),
      "/dashboard": await measurePage(web, "/dashboard", { Cookie: cookie }),
    };
    return {
      preset: PRESET,
      chromium: chromePath(),
      targets: TARGETS,
      pages,
      // Unknown (null) while a page went unmeasured.
      met: Object.values(pages).some((page) => page.error)
        ? null
        : Object.values(pages).every((page) => page.met),
    };
  } finally {
    await stopChild(state, 15_000);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), "../..");
  const parent = join(root, "bench/results/tmp");
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, "lighthouse-"));
  try {
    console.log(JSON.stringify(await measureLighthouse(root, tmp), null, 2));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
