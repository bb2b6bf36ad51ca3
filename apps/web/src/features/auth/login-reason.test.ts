import { describe, expect, it } from "vitest";
import { LOGIN_REASONS, parseLoginReason } from "./login-reason";

describe("parseLoginReason", () => {
  it("knows each reason the app sends", () => {
    for (const reason of Object.keys(LOGIN_REASONS)) {
      expect(parseLoginReason(reason)).toBe(reason);
    }
  });

  it("ignores an unknown, repeated or inherited value", () => {
    expect(parseLoginReason("you-were-hacked")).toBeNull();
    expect(parseLoginReason(["session-expired", "signed-out"])).toBeNull();
    expect(parseLoginReason("toString")).toBeNull();
    expect(parseLoginReason(undefined)).toBeNull();
  });

  it("writes every message as a sentence ending in a full stop", () => {
    for (const { text } of Object.values(LOGIN_REASONS)) expect(text).toMatch(/^[A-Z].*\.$/);
  });
});
