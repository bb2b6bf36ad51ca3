import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./security-headers";

const policy = (development = false) =>
  contentSecurityPolicy({ nonce: "abc123", apiOrigin: "http://localhost:8000", development });

describe("content security policy", () => {
  it("C6: allows scripts only by nonce or origin, never inline, and forbids framing", () => {
    const csp = policy();
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src")) ?? "";
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it("lets the page call the api's origin and nothing else", () => {
    expect(policy()).toContain("connect-src 'self' http://localhost:8000");
  });

  it("adds unsafe-eval in development only", () => {
    expect(policy(true)).toContain("'unsafe-eval'");
  });

  it("makes a different nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
