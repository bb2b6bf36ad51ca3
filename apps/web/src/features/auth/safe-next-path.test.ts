import { describe, expect, it } from "vitest";
import { afterSignInPath, safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?x=1", "/dashboard?x=1"],
    ["/dashboard/tasks?status=active#top", "/dashboard/tasks?status=active#top"],
    ["/", "/"],
    ["/a/../dashboard", "/dashboard"],
    ["/dashboard/./tasks", "/dashboard/tasks"],
    ["/tasks/a%20b", "/tasks/a%20b"],
    ["/dashboard?next=%2F%2Fevil.com", "/dashboard?next=%2F%2Fevil.com"],
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

describe("C20: next accepts only a same-origin path (open redirect after sign-in)", () => {
  it.each([
    // The URL parser normalises these to "//evil.example/x".
    "/.//evil.example/x",
    "/a/..//evil.example/x",
    "/./..//evil.example/x",
    "/%2e//evil.example/x",
    "/a/%2e%2e//evil.example/x",
    // Encoded slashes and backslashes, once and twice.
    "/%2F/evil.example/x",
    "/%2f%2fevil.example/x",
    "/%5C/evil.example/x",
    "/%5cevil.example/x",
    "/%252F%252Fevil.example/x",
    "/%255C%255Cevil.example/x",
    "/%25252F%25252Fevil.example/x",
    "/a/..%2F%2Fevil.example/x",
    "/%E0%A4%A",
    // Backslashes, raw and after normalisation.
    "/\\evil.example/x",
    "/.\\evil.example/x",
    "/a/..\\evil.example",
    // Tabs and newlines that a browser strips.
    "/\t/evil.example/x",
    "/.\n//evil.example/x",
    "/%09/evil.example/x",
    "/%0A/evil.example/x",
    // Schemes and protocol-relative forms.
    "javascript:alert(1)",
    "\tjavascript:alert(1)",
    "//evil.example/x",
    "///evil.example/x",
    "\\/evil.example/x",
    "https:evil.example",
    "https://evil.example/x",
    "/a/..//evil.example/x\r\n",
  ])("refuses %j", (raw) => {
    expect(safeNextPath(raw)).toBeNull();
    expect(afterSignInPath(raw)).toBe("/dashboard");
  });

  it("returns only values whose normalised form is the value itself", () => {
    for (const raw of ["/dashboard", "/a/../account", "/dashboard/./x?y=1#z"]) {
      const result = safeNextPath(raw);
      expect(result).not.toBeNull();
      expect(new URL(result ?? "", "http://web.test").origin).toBe("http://web.test");
      expect(safeNextPath(result)).toBe(result);
    }
  });
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
