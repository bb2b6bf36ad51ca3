// One Lighthouse 12 run against one URL, in Debian's Chromium, returning the
// category scores (0-100) and, for every category below 100, the audits that
// cost it points. Lighthouse's default settings, because the spec names no
// preset: mobile emulation with simulated throttling (slow 4G, 4× CPU
// slowdown). A fresh browser per run, so no cache or cookie carries over
// between pages; extra headers (e.g. a session Cookie) go on every request.
import { accessSync, constants } from "node:fs";
import { Launcher } from "chrome-launcher";
import lighthouse from "lighthouse";

export const CATEGORIES = ["performance", "accessibility", "best-practices"];
export const PRESET =
  "Lighthouse's default mobile preset: emulated phone, simulated slow 4G and 4× CPU slowdown";

// Headless without a GPU or a sandbox (we run as root in a container), and
// none of the browser's own background traffic: there is no internet here,
// and its requests would only add noise to the measured load.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// Lighthouse waits up to 45 s for a load by itself; this bounds the whole run
// (launch, two loads, audits) so a hung browser cannot hang the benchmark.
const RUN_TIMEOUT_MS = 240_000;
// Enough to locate a problem; the whole report is not kept.
const MAX_ITEMS = 5;

/** Debian's Chromium unless CHROME_PATH or CHROMIUM_PATH names another binary. */
export function chromePath() {
  return process.env.CHROME_PATH || process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/**
 * Fails with a plain reason when the browser cannot run: chrome-launcher
 * spawns it without an error listener, so a missing binary would otherwise
 * crash the whole benchmark with an unhandled 'error' event.
 */
function checkExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`no executable Chromium at ${path} (set CHROME_PATH)`);
  }
}

/** One row of an audit's details, reduced to what says where and why. */
function summarizeItem(item) {
  const node = item.node?.type === "node" ? item.node : item.type === "node" ? item : null;
  if (node) {
    return { selector: node.selector, snippet: node.snippet, explanation: node.explanation };
  }
  const out = {};
  for (const key of ["description", "source", "url", "directive", "severity"]) {
    const value = item[key];
    if (typeof value === "string") out[key] = value;
    else if (value?.type === "source-location") out[key] = value.url;
  }
  if (item.subItems?.items?.length) {
    out.subItems = item.subItems.items.slice(0, MAX_ITEMS).map(summarizeItem);
  }
  return out;
}

/** An audit that lost points: id, title, what Lighthouse shows, a few items. */
function describeAudit(audit) {
  const items = Array.isArray(audit.details?.items) ? audit.details.items : [];
  return {
    id: audit.id,
    title: audit.title,
    score: audit.score,
    ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
    ...(items.length ? { items: items.slice(0, MAX_ITEMS).map(summarizeItem) } : {}),
    ...(items.length > MAX_ITEMS ? { moreItems: items.length - MAX_ITEMS } : {}),
  };
}

/**
 * The audits that cost a category points: weighted (a zero weight never
 * moves the score), scored (null: not applicable or manual) and below 1.
 */
function failingAudits(lhr, category) {
  return category.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1)
    .map(describeAudit);
}

/** Scores 0-100 (null when Lighthouse could not score) and failures per category. */
function summarize(lhr) {
  const scores = {};
  const failing = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    const score = typeof category?.score === "number" ? Math.round(category.score * 100) : null;
    scores[id] = score;
    if (category && score !== 100) failing[id] = failingAudits(lhr, category);
  }
  return {
    requestedUrl: lhr.requestedUrl,
    finalUrl: lhr.finalDisplayedUrl,
    scores,
    failing,
    warnings: lhr.runWarnings ?? [],
    // Lighthouse's gauge of this machine's CPU at the time: simulated
    // throttling multiplies the main-thread time it observes, so a busy
    // shared machine (a low index) lowers the performance score.
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
  };
}

function timeout(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * Runs Lighthouse on `url` with `headers` added to every request; throws
 * when Chromium cannot start or Lighthouse reports a runtime error.
 */
export async function runLighthouse(url, { headers = {} } = {}) {
  checkExecutable(chromePath());
  // The Launcher class rather than `launch()`: `launch()` leaves the browser
  // running when it starts but never answers on its debugging port.
  const chrome = new Launcher({ chromePath: chromePath(), chromeFlags: CHROME_FLAGS });
  // chrome-launcher starts the browser detached (its own process group), so
  // it would outlive a benchmark that exits on a signal: kill it on exit too.
  const kill = () => chrome.kill();
  process.once("exit", kill);
  const limit = timeout(RUN_TIMEOUT_MS, `Lighthouse on ${url}`);
  try {
    await chrome.launch();
    const run = lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      output: "json",
      onlyCategories: CATEGORIES,
      extraHeaders: headers,
    });
    // If the timeout wins, killing the browser makes `run` reject later.
    run.catch(() => undefined);
    const result = await Promise.race([run, limit.promise]);
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) {
      throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    }
    return {
      lighthouseVersion: lhr.lighthouseVersion,
      browser: lhr.environment?.hostUserAgent ?? null,
      ...summarize(lhr),
    };
  } finally {
    limit.clear();
    process.removeListener("exit", kill);
    kill();
  }
}
