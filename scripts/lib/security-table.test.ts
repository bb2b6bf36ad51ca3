import { describe, expect, it } from "vitest";
import { formatTable, securityRows } from "./security-table.mjs";

const vitestReport = {
  testResults: [
    {
      assertionResults: [
        { title: "J1: alg none is refused", status: "passed" },
        { title: "J4b: ES256 zero signature is refused", status: "failed" },
        { title: "an ordinary test", status: "passed" },
      ],
    },
  ],
};
const playwrightReport = {
  suites: [
    {
      specs: [{ title: "B1: no token in storage", tests: [{ status: "expected" }] }],
      suites: [{ specs: [{ title: "B2: one token fetch", tests: [{ status: "unexpected" }] }] }],
    },
  ],
};

describe("security table", () => {
  it("lists catalogue tests from both runners with their results, in catalogue order", () => {
    const rows = securityRows(vitestReport, playwrightReport);
    const ids = rows.map((row) => row.id);
    expect(ids.indexOf("J1")).toBeLessThan(ids.indexOf("J4b"));
    expect(rows.find((row) => row.id === "J4b")?.result).toBe("failed");
    expect(rows.find((row) => row.id === "B1")?.result).toBe("passed");
    expect(rows.find((row) => row.id === "B2")?.result).toBe("failed");
    expect(rows.some((row) => row.name === "an ordinary test")).toBe(false);
  });

  it("shows every catalogue id without a test as missing", () => {
    const rows = securityRows(vitestReport, playwrightReport);
    expect(rows.find((row) => row.id === "J2")?.result).toBe("missing");
    expect(formatTable(rows)).toMatch(
      /security: 2 passed, 2 failed, 6 not applicable, \d+ without a test/,
    );
  });

  it("marks an end-to-end test that passed only on its retry, and counts it as passed", () => {
    const retried = {
      suites: [{ specs: [{ title: "B4: sign-out clears the tab", tests: [{ status: "flaky" }] }] }],
    };
    const rows = securityRows({ testResults: [] }, retried);
    expect(rows.find((row) => row.id === "B4")?.result).toBe("passed on retry");
    expect(formatTable(rows)).toMatch(/security: 1 passed \(1 on a retry\), 0 failed/);
  });

  it("labels the PostgreSQL runs of vitest and of a second end-to-end pass", () => {
    const onBoth = {
      testResults: [
        {
          assertionResults: [
            { title: "U4: limit", status: "passed", ancestorTitles: ["on sqlite"] },
            { title: "U4: limit", status: "failed", ancestorTitles: ["on postgres", "inner"] },
          ],
        },
      ],
    };
    const rows = securityRows(onBoth, playwrightReport, [
      { label: "e2e pg", report: playwrightReport },
    ]);
    expect(rows.filter((row) => row.id === "U4").map((row) => [row.name, row.result])).toEqual([
      ["[pg] U4: limit", "failed"],
      ["U4: limit", "passed"],
    ]);
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(["[e2e] B1: no token in storage", "[e2e pg] B1: no token in storage"]),
    );
  });
});
