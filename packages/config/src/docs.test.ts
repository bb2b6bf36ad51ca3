import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiEnv } from "./api";
import {
  renderEnvExample,
  renderReadmeTable,
  TABLE_END,
  TABLE_START,
  withReadmeTable,
} from "./docs";
import { findRepoRoot } from "./environment";
import { parseEnv } from "./parse";
import { sharedEnv } from "./shared";
import { webEnv } from "./web";

const root = findRepoRoot(import.meta.dirname);
const read = (file: string) => readFileSync(join(root, file), "utf8");
const regenerate = "run `npm run config:docs` and commit the result";

describe("the generated configuration docs", () => {
  it(".env.example is what the module generates", () => {
    expect(read(".env.example"), regenerate).toBe(renderEnvExample());
  });

  it("the README's configuration table is what the module generates", () => {
    const readme = read("README.md");
    expect(readme).toContain(TABLE_START);
    expect(readme, regenerate).toBe(withReadmeTable(readme));
  });

  it("lists every variable once in each", () => {
    const names = Object.keys({ ...sharedEnv, ...webEnv, ...apiEnv });
    const example = renderEnvExample();
    const table = renderReadmeTable();
    for (const name of names) {
      expect(example.match(new RegExp(`^${name}=`, "gm")), name).toHaveLength(1);
      expect(table.match(new RegExp(`^\\| \`${name}\` \\|`, "gm")), name).toHaveLength(1);
    }
  });

  it(".env.example, copied as is to .env, is a valid configuration with the defaults", () => {
    const env = Object.fromEntries(
      renderEnvExample()
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(parseEnv({ ...sharedEnv, ...webEnv, ...apiEnv }, env)).toEqual(
      parseEnv({ ...sharedEnv, ...webEnv, ...apiEnv }, {}),
    );
  });

  it("regeneration touches only the text between the markers", () => {
    const readme = `before\n${TABLE_START}\nold table\n${TABLE_END}\nafter\n`;
    expect(withReadmeTable(readme)).toBe(`before\n${renderReadmeTable()}\nafter\n`);
    expect(() => withReadmeTable("no markers")).toThrow(/markers/);
  });
});
