import { describe, expect, it } from "vitest";
import { afterSignInPath, safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?x=1", "/dashboard?x=1"],
    ["/dashboard/tasks?status=active#top", "/dashboard/tasks?status=active#top"],
    ["/", "/"],
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
  ])("keeps the same-origin path %j", (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "\\/evil.com",
    "/dashboard\\..\\x",
    "https://evil.com",
    "http:/evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    "%2F%2Fevil.com",
    "evil.com",
    "dashboard",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r\n//evil.com",
    "/\u0000",
    "/\u007f",
    " /dashboard",
    "",
    `/${"a".repeat(2048)}`,
  ])("refuses %j", (raw) => {
    expect(safeNextPath(raw)).toBeNull();
  });

  it.each([undefined, null, 42, ["/dashboard"], { path: "/" }])(
    "refuses the non-string %j",
    (raw) => {
      expect(safeNextPath(raw)).toBeNull();
    },
  );
});

describe("afterSignInPath", () => {
  it("falls back to the dashboard for an unsafe or missing next", () => {
    expect(afterSignInPath("//evil.com")).toBe("/dashboard");
    expect(afterSignInPath(undefined)).toBe("/dashboard");
  });

  it("returns a safe next unchanged", () => {
    expect(afterSignInPath("/dashboard?x=1")).toBe("/dashboard?x=1");
  });
});
