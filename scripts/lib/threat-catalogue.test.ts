import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOGUE, NOT_APPLICABLE } from "./security-catalogue.mjs";

// The catalogue lives in two forms: the prose a reader follows
// (docs/threat-catalogue.md, each case introduced by its id in bold) and the
// id list the security table is built from. An id added to one must be
// written up in the other.
const docs = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), "../../docs/threat-catalogue.md"),
  "utf8",
);
const documented = new Set([...docs.matchAll(/\*\*([A-Z][0-9]+[a-z]?)\*\*/g)].map((m) => m[1]));

describe("threat catalogue", () => {
  it("describes every id of scripts/lib/security-catalogue.mjs in docs/threat-catalogue.md", () => {
    const missing = CATALOGUE.map(([id]) => id).filter((id) => !documented.has(id));
    expect(missing, "ids with no entry in docs/threat-catalogue.md").toEqual([]);
  });

  it("answers only catalogue ids with a decision record", () => {
    const ids = new Set(CATALOGUE.map(([id]) => id));
    expect(Object.keys(NOT_APPLICABLE).filter((id) => !ids.has(id))).toEqual([]);
  });
});
