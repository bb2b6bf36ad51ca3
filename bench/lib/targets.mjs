// The performance spec's targets, judged on the shipped mode's rows (the
// figure a user gets); bench-mode rows are a diagnosis and judged on nothing.
// Every ratio is to the mean of the two ceiling runs of the same run.

/** Share of the ceiling's requests/s each scenario must reach, as shipped. */
export const PCT_TARGETS = {
  protected: 70,
  "protected, 10,000 revoked": 70,
  "list 1,000": 25,
  "list 1,000, revalidated": 60,
  "list 1,000 (PostgreSQL)": 25,
  "list 1,000, revalidated (PostgreSQL)": 60,
  create: 15,
};
export const P99_HALF_TARGET_MS = 5;
/** The most the per-request info line may cost /api/protected's throughput. */
export const LOGGING_COST_TARGET_PCT = 10;

const REFERENCES = new Set(["ceiling", "ceiling (after)", "fastify floor"]);

/** Sets pctOfCeiling, target and met on every scenario. */
export function judge(scenarios, ceilingRps) {
  for (const s of scenarios) {
    s.pctOfCeiling = (s.peak.rps / ceilingRps) * 100;
    if (s.mode === "bench") {
      s.target = "diagnosis (LOG_LEVEL=warn)";
      s.met = null;
      continue;
    }
    const halfOk = s.half.p99 < P99_HALF_TARGET_MS;
    const pct = PCT_TARGETS[s.name];
    if (pct !== undefined && !REFERENCES.has(s.name)) {
      s.target = `≥ ${pct} % of ceiling; p99 half < ${P99_HALF_TARGET_MS} ms`;
      s.met = s.pctOfCeiling >= pct && halfOk;
    } else {
      s.target = `p99 half < ${P99_HALF_TARGET_MS} ms`;
      s.met = halfOk;
    }
  }
}

/** The scenario of that name measured in that mode (null: a reference server). */
export const find = (scenarios, name, mode = "shipped") =>
  scenarios.find((s) => s.name === name && s.mode === mode);

/** What the info line costs: /api/protected as shipped against bench mode, same run. */
export function loggingCost(scenarios) {
  const shipped = find(scenarios, "protected", "shipped");
  const bench = find(scenarios, "protected", "bench");
  if (!shipped || !bench) return null;
  const costPct = (1 - shipped.peak.rps / bench.peak.rps) * 100;
  return {
    shippedRps: shipped.peak.rps,
    benchRps: bench.peak.rps,
    costPct,
    targetPct: LOGGING_COST_TARGET_PCT,
    met: costPct <= LOGGING_COST_TARGET_PCT,
  };
}

/** Unloaded p50 of the 100,000-task list against the 100-task one (keyset pagination). */
export function listRatio(scenarios) {
  const small = find(scenarios, "list 100");
  const large = find(scenarios, "list 100,000");
  if (!small || !large) return null;
  const ratio = large.probe.p50_us / small.probe.p50_us;
  large.target += "; p50 ≤ 1.5× list 100";
  large.met &&= ratio <= 1.5;
  return { small: small.probe.p50_us, large: large.probe.p50_us, ratio, met: ratio <= 1.5 };
}

/** Each api route (both modes) as a share of the bare-Fastify floor. */
export function floorShare(scenarios) {
  const floor = scenarios.find((s) => s.name === "fastify floor");
  if (!floor) return null;
  const label = (s) => `${s.name}${s.mode === "bench" ? " [bench]" : ""}`;
  return {
    ofCeilingPct: floor.pctOfCeiling,
    routes: Object.fromEntries(
      scenarios
        .filter((s) => !REFERENCES.has(s.name))
        .map((s) => [label(s), (s.peak.rps / floor.peak.rps) * 100]),
    ),
  };
}

/** /api/protected with 10,000 revoked sessions listed against an empty feed, as shipped. */
export function revocationCost(scenarios, revokedName) {
  const plain = find(scenarios, "protected");
  const listed = find(scenarios, revokedName);
  if (!plain || !listed) return null;
  return {
    rpsRatio: listed.peak.rps / plain.peak.rps,
    probeP50: { empty: plain.probe.p50_us, listed: listed.probe.p50_us },
  };
}
