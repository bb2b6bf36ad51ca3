// Where results go: a console table, bench/results/latest.json, and the
// marked section of docs/performance.md (only between the two markers; the
// method text above them is written by hand).
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

// Which api a row measured (bench/lib/api-process.mjs); "-" for the reference servers.
const MODE_LABELS = { shipped: "as shipped", bench: "bench mode" };

const num = (value, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);
const ms = (value) => (value === null || value === undefined ? "-" : value.toFixed(2));

/** One row per scenario, the same columns in the console and the docs. */
function rows(results) {
  return results.scenarios.map((s) => ({
    scenario: s.name,
    api: MODE_LABELS[s.mode] ?? "-",
    data: s.data,
    "req/s": num(s.peak?.rps),
    "% ceiling": s.name === "ceiling" ? "100" : num(s.pctOfCeiling, 1),
    "p50 peak ms": ms(s.peak?.p50),
    "p99 peak ms": ms(s.peak?.p99),
    "p50 half ms": ms(s.half?.p50),
    "p99 half ms": `${ms(s.half?.p99)}${s.half?.keptUp === false ? "*" : ""}`,
    "p50 1-conn µs": num(s.probe?.p50_us),
    "non-2xx": String(s.non2xx + s.errors),
    target: s.target,
    met: s.failed ? "FAILED" : s.met === null ? "-" : s.met ? "yes" : "no",
  }));
}

export function printTable(results) {
  const table = rows(results);
  const headers = Object.keys(table[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...table.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  // `--only=lighthouse` measures no scenario: no empty table then.
  if (table.length > 0) {
    console.log(line(headers));
    console.log(line(widths.map((w) => "-".repeat(w))));
    for (const row of table) console.log(line(headers.map((h) => row[h])));
  }
  for (const extra of extras(results))
    console.log(extra.replace(/\*\*|`/g, "").replace(/\\\*/g, "*"));
}

/** The figures that are not per-scenario rows, as markdown bullet text. */
function extras(results) {
  const out = [];
  const {
    memory,
    micro,
    web,
    listRatio,
    revocationCost,
    ceiling,
    floorShare,
    startup,
    lighthouse,
    loggingCost,
    logSummary,
  } = results;
  if (ceiling) {
    out.push(
      `- ceiling: mean of the runs before and after the api's scenarios, **${num(ceiling.rps)} req/s** (${num(ceiling.before)} before, ${num(ceiling.after)} after: ${num(ceiling.spreadPct, 1)} % apart, how much the shared machine moved during the run)`,
    );
  }
  if (loggingCost) {
    out.push(
      `- info logging (one JSON line per request) costs **${num(loggingCost.costPct, 1)} %** of /api/protected's throughput: ${num(loggingCost.shippedRps)} req/s as shipped vs ${num(loggingCost.benchRps)} in bench mode (target ≤ ${loggingCost.targetPct} %: ${loggingCost.met ? "met" : "not met"})`,
    );
  }
  if (logSummary) {
    const line = logSummary.protectedLine;
    const fields = line
      ? line.missing.length === 0
        ? `a /api/protected line (${line.bytes} bytes) carries request_id, method, route, status, duration_ms and user_id`
        : `a /api/protected line lacks ${line.missing.join(", ")}`
      : "no /api/protected line found";
    out.push(
      `- the shipped api's log (SQLite part of the run): ${num(logSummary.requestLines)} request lines, ${num(logSummary.bytes / 1048576, 1)} MiB, for ${num(logSummary.answeredShipped)} answers in the measured phases; ${fields}`,
    );
  }
  if (floorShare) {
    const routes = Object.entries(floorShare.routes)
      .map(([name, pct]) => `${name} ${num(pct, 0)} %`)
      .join(", ");
    out.push(
      `- bare Fastify (no hooks, no logger) reaches **${num(floorShare.ofCeilingPct, 1)} %** of the ceiling: the most any Fastify route can here. Each api route as a share of that floor: ${routes}`,
    );
  }
  if (revocationCost) {
    out.push(
      `- revocation checks: /api/protected with 10,000 revoked sessions listed runs at **${num(revocationCost.rpsRatio * 100, 1)} %** of its throughput with an empty feed; unloaded p50 ${num(revocationCost.probeP50.listed)} vs ${num(revocationCost.probeP50.empty)} µs`,
    );
  }
  if (results.scenarios.some((s) => s.half?.keptUp === false)) {
    out.push(
      "- \\* the fixed-rate client fell behind its schedule (machine busy, or a rate beyond one Node client): that p99 is not the server's alone",
    );
  }
  if (listRatio) {
    out.push(
      `- list p50, 100,000 vs 100 tasks (one connection, µs): ${num(listRatio.large)} vs ${num(listRatio.small)} = **${num(listRatio.ratio, 2)}×** (target ≤ 1.5×: ${listRatio.met ? "met" : "not met"})`,
    );
  }
  for (const [mode, m] of Object.entries(memory ?? {})) {
    const flood = m.flood
      ? `; token flood: ${m.flood.sent} distinct tokens in ${num(m.flood.seconds, 1)} s (${num(m.flood.sent / m.flood.seconds)} req/s, non-2xx ${m.flood.non2xx + m.flood.errors}), RSS ${num(m.flood.before, 1)} → ${num(m.flood.after, 1)} MiB (**${m.flood.changePct >= 0 ? "+" : ""}${num(m.flood.changePct, 1)} %**${mode === "shipped" ? `, target ±10 %: ${m.flood.met ? "met" : "not met"}` : ""})`
      : "; token flood skipped (--quick)";
    const verdict =
      mode === "shipped" ? ` (target ≤ 120 MiB: ${m.finalMet ? "met" : "not met"})` : "";
    out.push(
      `- api resident memory, ${MODE_LABELS[mode]}: **${num(m.afterScenariosMiB, 1)} MiB** after the scenarios, **${num(m.finalMiB, 1)} MiB** at the end${verdict}${flood}`,
    );
  }
  for (const d of results.dpop ?? []) {
    out.push(
      `- DPoP beside Bearer, as shipped, ${d.request} (one client, ${num(d.bearer.seconds, 1)} s + ${num(d.dpop.seconds, 1)} s): Bearer ${num(d.bearer.rps)} req/s, p50 ${num(d.bearer.p50, 2)} ms; DPoP ${num(d.dpop.rps)} req/s, p50 ${num(d.dpop.p50, 2)} ms: **${num(d.rpsRatio * 100, 1)} %** of Bearer's throughput${d.failed ? " (FAILED: non-2xx answers)" : ""}`,
    );
  }
  if (micro?.dpop && !micro.dpop.error) {
    const d = micro.dpop;
    out.push(
      `- DPoP proof check (µs/op): bare ES256 verify ${num(d.es256Verify, 1)}; the api's whole binding check ${num(d.proof, 1)} = **${num(d.ratio, 2)}×** (target ≤ ${d.target}×: ${d.met ? "met" : "not met"})`,
    );
  }
  if (micro) {
    const api = micro.api
      ? `; api verifier first **${num(micro.api.first, 1)}**, repeat **${num(micro.api.repeat, 1)}**`
      : "";
    out.push(
      `- token verification (µs/op, ${micro.n} ops): node:crypto.verify ${num(micro.cryptoVerify, 1)}; jose jwtVerify first ${num(micro.jose.first, 1)}, repeat ${num(micro.jose.repeat, 1)}${api} (${micro.apiNote})`,
    );
  }
  if (startup) {
    out.push(
      startup.error
        ? `- start-up: ${startup.error}`
        : `- start-up, \`npm start\` (built) to both services answering, fresh data directory: **${num(startup.seconds, 2)} s** (target ≤ ${startup.targetSeconds} s: ${startup.met ? "met" : "not met"})`,
    );
  }
  if (web) {
    if (web.error) out.push(`- first-load JS: not measured (${web.error})`);
    else {
      const pages = Object.entries(web.routes)
        .map(([route, r]) => `\`${route}\` **${num(r.gzipKiB, 1)} KiB** (${r.files} files)`)
        .join(", ");
      out.push(
        `- first-load JS, gzip: ${pages}; target ≤ ${web.targetKiB} KiB: ${web.met ? "met" : "not met"} (build of ${web.builtAt}${web.stale ? ", older than its sources" : ""})`,
      );
    }
  }
  if (lighthouse) out.push(lighthouseLine(lighthouse));
  return out;
}

const CATEGORY_LABELS = {
  performance: "performance",
  accessibility: "accessibility",
  "best-practices": "best practices",
};

/** One page's scores, and the audits that cost points in the categories below target. */
function lighthousePage(path, page, targets) {
  if (page.error) return `\`${path}\` ${page.error}`;
  const scores = Object.entries(CATEGORY_LABELS)
    .map(([id, label]) => `${label} **${page.scores[id] ?? "-"}**`)
    .join(", ");
  const short = Object.keys(targets)
    .filter((id) => page.scores[id] === null || page.scores[id] < targets[id])
    .map(
      (id) =>
        `${CATEGORY_LABELS[id]} lost on ${page.failing[id]?.map((a) => a.id).join(", ") || "?"}`,
    );
  // Lighthouse's own CPU gauge: a low index (a busy machine) inflates the
  // main-thread time that simulated throttling multiplies.
  const notes = [`CPU benchmark index ${page.benchmarkIndex ?? "-"}`, ...short];
  return `\`${path}\` ${scores} (${notes.join("; ")})`;
}

function lighthouseLine(lighthouse) {
  if (lighthouse.skipped) return `- Lighthouse: skipped (${lighthouse.skipped})`;
  if (lighthouse.error) return `- Lighthouse: ${lighthouse.error}`;
  const { targets, pages } = lighthouse;
  const measured = Object.values(pages).find((page) => !page.error);
  const version = measured ? ` ${measured.lighthouseVersion}` : "";
  const target = `accessibility ${targets.accessibility}, best practices ≥ ${targets["best-practices"]}, performance ≥ ${targets.performance}`;
  const list = Object.entries(pages)
    .map(([path, page]) => lighthousePage(path, page, targets))
    .join("; ");
  const verdict =
    lighthouse.met === null
      ? "unknown (a page went unmeasured)"
      : lighthouse.met
        ? "met"
        : "not met";
  return `- Lighthouse${version} (${lighthouse.preset}; \`${lighthouse.chromium}\`): ${list}; target ${target}: ${verdict}`;
}

function markdown(results) {
  const { info } = results;
  const table = rows(results);
  const headers = Object.keys(table[0]);
  const lines = [
    `Last full run: commit \`${info.commit}\`${info.dirty ? " (with uncommitted changes)" : ""}, ${info.date}, Node ${info.node}, ${info.cpu} (${info.cores} cores), taskset: ${info.taskset ? "yes (api on core 0, load on core 1)" : "no (not pinned)"}, load generator: ${info.loadGenerator}.`,
    "",
    `| ${headers.join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...table.map(
      (r) => `| ${headers.map((h) => String(r[h]).replace(/\|/g, "\\|")).join(" | ")} |`,
    ),
    "",
    ...extras(results),
  ];
  return lines.join("\n");
}

export function writeJson(file, results) {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Replaces the text between the markers; adds the markers at the end if missing. */
export function writeDocsSection(file, results) {
  const section = `${START}\n${markdown(results)}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Performance\n";
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
