import { describe, expect, it } from "vitest";
import { formatDigest, playwrightDigest, vitestDigest } from "./failure-digest.mjs";

const playwrightReport = {
  suites: [
    {
      title: "tasks.spec.ts",
      specs: [
        { title: "adds a task", tests: [{ status: "expected", results: [{ status: "passed" }] }] },
        {
          title: "B4: signing out clears the tab",
          tests: [
            {
              status: "unexpected",
              results: [
                {
                  status: "failed",
                  error: {
                    message:
                      "\u001b[31mError: expect(page).toHaveURL\u001b[39m\n\nExpected /login/",
                  },
                },
              ],
            },
          ],
        },
      ],
      suites: [
        {
          title: "nested",
          specs: [
            {
              title: "passes on its retry",
              tests: [
                {
                  status: "flaky",
                  results: [
                    { status: "timedOut", error: { message: "Test timeout" } },
                    { status: "passed" },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const vitestReport = {
  testResults: [
    {
      name: "/repo/a.test.ts",
      status: "failed",
      assertionResults: [
        {
          ancestorTitles: ["verify"],
          title: "J1: refuses alg none",
          status: "failed",
          failureMessages: ["AssertionError: expected 200 to be 401"],
        },
        { ancestorTitles: [], title: "passes", status: "passed", failureMessages: [] },
      ],
    },
    {
      name: "/repo/broken.test.ts",
      status: "failed",
      message: "SyntaxError: Unexpected token",
      assertionResults: [],
    },
  ],
};

describe("failure digest", () => {
  it("names each failed and flaky end-to-end test with the start of its error, without colour codes", () => {
    const lines = formatDigest(playwrightDigest("e2e", playwrightReport));
    const text = lines.join("\n");
    expect(text).toContain("failed [e2e] tasks.spec.ts › B4: signing out clears the tab");
    expect(text).toContain("Error: expect(page).toHaveURL");
    expect(text).toContain("Expected /login/");
    expect(text).toContain("flaky [e2e] tasks.spec.ts › nested › passes on its retry");
    expect(text).toContain("Test timeout");
    expect(text).not.toContain("adds a task");
    expect(text).not.toContain("\u001b[");
  });

  it("names failed unit tests and files that did not load", () => {
    const text = formatDigest(vitestDigest(vitestReport)).join("\n");
    expect(text).toContain("failed [vitest] verify › J1: refuses alg none");
    expect(text).toContain("expected 200 to be 401");
    expect(text).toContain("failed [vitest] /repo/broken.test.ts");
    expect(text).toContain("SyntaxError");
    expect(text).not.toContain("passes");
  });

  it("prints nothing when every test passed at its first try, and handles a missing report", () => {
    expect(formatDigest([...vitestDigest(null), ...playwrightDigest("e2e", undefined)])).toEqual(
      [],
    );
  });
});
