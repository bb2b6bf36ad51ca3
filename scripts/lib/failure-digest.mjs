// The failed and flaky tests of a run, each with the start of its error, for
// the last lines `npm test` prints: a CI log is often read from its tail
// only, and "1 failed" alone says nothing about what to fix.

const ERROR_LINES = 8;
const MOST = 12;

// Colour codes make a log unreadable once it leaves a terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

function firstLines(text) {
  return String(text ?? "")
    .replace(ANSI, "")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, ERROR_LINES)
    .map((line) => `      ${line.trimEnd()}`);
}

/** Every test of a Playwright JSON report, with the titles of the suites it sits in. */
function* playwrightTests(suites, path = []) {
  for (const suite of suites ?? []) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) yield { title: [...here, spec.title].join(" › "), test };
    }
    yield* playwrightTests(suite.suites, here);
  }
}

/** Playwright's "unexpected" (failed every try) and "flaky" (failed, then passed on a retry). */
export function playwrightDigest(label, report) {
  const entries = [];
  for (const { title, test } of playwrightTests(report?.suites)) {
    if (test.status !== "unexpected" && test.status !== "flaky") continue;
    const failure = (test.results ?? []).find((result) => result.status !== "passed");
    const error = failure?.error?.message ?? failure?.errors?.[0]?.message;
    entries.push({ kind: test.status === "flaky" ? "flaky" : "failed", label, title, error });
  }
  return entries;
}

export function vitestDigest(report) {
  const entries = [];
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      const title = [...(test.ancestorTitles ?? []), test.title].join(" › ");
      entries.push({ kind: "failed", label: "vitest", title, error: test.failureMessages?.[0] });
    }
    // A file that failed to load has no test results, only a message.
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) {
      entries.push({ kind: "failed", label: "vitest", title: file.name, error: file.message });
    }
  }
  return entries;
}

/** The lines to print; none when every test passed at its first try. */
export function formatDigest(entries) {
  if (entries.length === 0) return [];
  const lines = ["failed or flaky tests:"];
  for (const entry of entries.slice(0, MOST)) {
    lines.push(`  ${entry.kind} [${entry.label}] ${entry.title}`, ...firstLines(entry.error));
  }
  if (entries.length > MOST) lines.push(`  … and ${entries.length - MOST} more`);
  return lines;
}
