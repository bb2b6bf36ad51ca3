import type { RevocationEntry } from "@taskgate/contracts/revocation";
import { describe, expect, it } from "vitest";
import { RevocationList } from "./revocation-list.js";

const NOW = 1_700_000_000_000;
const GRACE_MS = 30_000;
const MAX_RETENTION_MS = 3_630_000;

const list = () => new RevocationList({ graceMs: GRACE_MS, maxRetentionMs: MAX_RETENTION_MS });

const entry = (
  kind: RevocationEntry["kind"],
  id: string,
  expiresInMs = 960_000,
): RevocationEntry => ({ kind, id, revoked_at: NOW - 1000, expires_at: NOW + expiresInMs });

describe("RevocationList", () => {
  it("refuses a token whose sid is a revoked session, and no other session's token", () => {
    const l = list();
    l.add(entry("session", "s-1"), NOW);
    expect(l.reasonFor({ sub: "u-1", sid: "s-1" })).toBe("SESSION_REVOKED");
    expect(l.reasonFor({ sub: "u-1", sid: "s-2" })).toBeNull();
    expect(l.reasonFor({ sub: "u-1" })).toBeNull();
  });

  it("refuses every token of a deleted user, with or without a sid", () => {
    const l = list();
    l.add(entry("user", "u-1"), NOW);
    expect(l.reasonFor({ sub: "u-1", sid: "any" })).toBe("USER_DELETED");
    expect(l.reasonFor({ sub: "u-1" })).toBe("USER_DELETED");
    expect(l.reasonFor({ sub: "u-2", sid: "any" })).toBeNull();
  });

  it("keeps session ids and user ids apart: a session id equal to a user id refuses only that session", () => {
    const l = list();
    l.add(entry("session", "same-id"), NOW);
    expect(l.reasonFor({ sub: "same-id", sid: "other" })).toBeNull();
    expect(l.reasonFor({ sub: "x", sid: "same-id" })).toBe("SESSION_REVOKED");
  });

  it("treats a re-delivered entry as a no-op", () => {
    const l = list();
    expect(l.add(entry("session", "s-1"), NOW)).toBe(true);
    expect(l.add(entry("session", "s-1"), NOW + 2000)).toBe(false);
    expect(l.size).toBe(1);
  });

  it("keeps an entry until expires_at plus the clock tolerance, then prunes it", () => {
    const l = list();
    l.add(entry("session", "s-1", 60_000), NOW);
    expect(l.prune(NOW + 60_000 + GRACE_MS - 1)).toBe(0);
    expect(l.reasonFor({ sub: "u", sid: "s-1" })).toBe("SESSION_REVOKED");
    expect(l.prune(NOW + 60_000 + GRACE_MS)).toBe(1);
    expect(l.reasonFor({ sub: "u", sid: "s-1" })).toBeNull();
    expect(l.size).toBe(0);
  });

  it("prunes only what expired", () => {
    const l = list();
    l.add(entry("session", "short", 10_000), NOW);
    l.add(entry("user", "long", 900_000), NOW);
    expect(l.prune(NOW + 10_000 + GRACE_MS)).toBe(1);
    expect(l.reasonFor({ sub: "long" })).toBe("USER_DELETED");
  });

  it("does not list an entry that arrives already expired (its tokens are all dead)", () => {
    const l = list();
    expect(l.add(entry("session", "old", -GRACE_MS - 1), NOW)).toBe(false);
    expect(l.size).toBe(0);
  });

  it("bounds memory: an entry is kept at most the oldest token age the api accepts, whatever expires_at says", () => {
    const l = list();
    l.add(entry("user", "u-30-days", 30 * 86_400_000), NOW);
    expect(l.prune(NOW + MAX_RETENTION_MS - 1)).toBe(0);
    expect(l.prune(NOW + MAX_RETENTION_MS)).toBe(1);
  });

  it("extends an entry re-delivered with a later expires_at", () => {
    const l = list();
    l.add(entry("session", "s-1", 10_000), NOW);
    l.add(entry("session", "s-1", 100_000), NOW);
    expect(l.prune(NOW + 10_000 + GRACE_MS)).toBe(0);
    expect(l.reasonFor({ sub: "u", sid: "s-1" })).toBe("SESSION_REVOKED");
  });
});
