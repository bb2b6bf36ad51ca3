// Builds the security table (id, test, result) from the JSON reports of
// Vitest and Playwright: every test whose title starts with "<id>:".
import { CATALOGUE, NOT_APPLICABLE } from "./security-catalogue.mjs";

const ID = /^([JAUCIFBL]\d+b?):/;

function vitestRows(report) {
  const rows = [];
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      const match = ID.exec(test.title);
      if (!match) continue;
      // A test repeated per storage engine (describe.each) says which run it is.
      const onPostgres = (test.ancestorTitles ?? []).some((title) => /postgres/i.test(title));
      const name = onPostgres ? `[pg] ${test.title}` : test.title;
      rows.push({ id: match[1], name, result: test.status });
    }
  }
  return rows;
}

function playwrightRows(report, label = "e2e") {
  const rows = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      const match = ID.exec(spec.title);
      if (!match) continue;
      const statuses = (spec.tests ?? []).map((test) => test.status);
      const result = statuses.includes("unexpected")
        ? "failed"
        : statuses.every((s) => s === "skipped")
          ? "skipped"
          : statuses.includes("flaky")
            ? "passed on retry"
            : "passed";
      rows.push({ id: match[1], name: `[${label}] ${spec.title}`, result });
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report?.suites ?? []) visit(suite);
  return rows;
}

const order = (id) => {
  const index = CATALOGUE.findIndex(([known]) => known === id.replace(/b$/, ""));
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
};

/**
 * Rows for every catalogue id: its tests, its decision record, or a gap.
 * `moreE2e`: further end-to-end runs (e.g. on PostgreSQL), each `{ label, report }`.
 */
export function securityRows(vitestReport, playwrightReport, moreE2e = []) {
  const tested = [
    ...vitestRows(vitestReport),
    ...playwrightRows(playwrightReport),
    ...moreE2e.flatMap(({ label, report }) => playwrightRows(report, label)),
  ];
  const rows = [...tested];
  for (const [id, title] of CATALOGUE) {
    if (tested.some((row) => row.id.replace(/b$/, "") === id)) continue;
    const decision = NOT_APPLICABLE[id];
    rows.push(
      decision
        ? { id, name: `${title}: not applicable, see ${decision}`, result: "n/a" }
        : { id, name: `${title}: NO TEST YET`, result: "missing" },
    );
  }
  return rows.sort((a, b) => order(a.id) - order(b.id) || a.name.localeCompare(b.name));
}

export function formatTable(rows) {
  const width = Math.min(100, Math.max(...rows.map((row) => row.name.length), 4));
  const cut = (text) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const lines = [`${"id".padEnd(5)} ${"test".padEnd(width)} result`];
  lines.push(`${"-".repeat(5)} ${"-".repeat(width)} ------`);
  for (const row of rows)
    lines.push(`${row.id.padEnd(5)} ${cut(row.name).padEnd(width)} ${row.result}`);
  const count = (result) => rows.filter((row) => row.result === result).length;
  const onRetry = count("passed on retry");
  const passed = onRetry
    ? `${count("passed") + onRetry} passed (${onRetry} on a retry)`
    : `${count("passed")} passed`;
  lines.push(
    `security: ${passed}, ${count("failed")} failed, ${count("n/a")} not applicable, ${count("missing")} without a test`,
  );
  return lines.join("\n");
}
