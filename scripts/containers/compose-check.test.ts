import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkComposeFile, interpolate } from "./compose-check.mjs";

const SECRET = { BETTER_AUTH_SECRET: "s".repeat(40), REVOCATION_FEED_SECRET: "f".repeat(40) };
const compose = readFileSync(join(import.meta.dirname, "../../compose.yaml"), "utf8");

function variant(edit: (text: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), "compose-")), "compose.yaml");
  writeFileSync(file, edit(compose));
  return file;
}

describe("compose.yaml", () => {
  it("parses and holds its shape with the environment the containers use", () => {
    const doc = checkComposeFile(SECRET);
    expect(Object.keys(doc.services).sort()).toEqual(["api", "postgres", "redis", "web"]);
    expect(doc.services.web?.environment?.BETTER_AUTH_SECRET).toBe(SECRET.BETTER_AUTH_SECRET);
  });

  it("refuses to start without BETTER_AUTH_SECRET, naming it", () => {
    expect(() =>
      checkComposeFile({ REVOCATION_FEED_SECRET: SECRET.REVOCATION_FEED_SECRET }),
    ).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("catches a build target the Dockerfile does not have", () => {
    const file = variant((text) => text.replace("target: api", "target: apii"));
    expect(() => checkComposeFile(SECRET, file)).toThrow(/target apii/);
  });

  it("catches a variable that .env.example does not document", () => {
    const file = variant((text) => text.replace('API_PORT: "8000"', 'API_PROT: "8000"'));
    expect(() => checkComposeFile(SECRET, file)).toThrow(/API_PROT/);
  });

  it("catches a key Compose would not know", () => {
    const file = variant((text) =>
      text.replace("restart: unless-stopped", "restrat: unless-stopped"),
    );
    expect(() => checkComposeFile(SECRET, file)).toThrow(/restrat/);
  });
});

describe("interpolation as Compose does it", () => {
  // Compose's own ${...} syntax in plain strings, on purpose.
  it("applies defaults, errors and escapes", () => {
    const dollar = "$";
    const compose = (text: string) => text.replaceAll("%", dollar);
    expect(interpolate(compose("%{A:-x} %{B-y} %{C} %%D"), { B: "" })).toBe("x   $D");
    expect(interpolate(compose("%{A:-x}"), { A: "set" })).toBe("set");
    expect(() => interpolate(compose("%{A:?needed}"), { A: "" })).toThrow("A: needed");
    expect(interpolate(compose("%{A?needed}"), { A: "" })).toBe("");
  });
});
