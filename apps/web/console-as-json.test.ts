import { describe, expect, it } from "vitest";
import { jsonLine } from "./console-as-json.mjs";

describe("console lines as JSON (L20)", () => {
  it("L20: a plain line with a forged line and ANSI escapes becomes one inert JSON line", () => {
    const hostile =
      '\u001b[31m[Better Auth]\u001b[0m Invalid callbackURL\n[api] {"event":"FORGED"}\u001b[2J\u009b2J';
    const line = jsonLine(hostile, 50);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(line.includes("\u001b") || line.includes("\u009b")).toBe(false);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ level: 50, service: "web", source: "console" });
    expect(parsed.msg).toContain("Invalid callbackURL");
  });
});
