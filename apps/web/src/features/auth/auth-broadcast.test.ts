import { describe, expect, it } from "vitest";
import { AUTH_BROADCAST_KEY, isSignInBroadcast, isSignOutBroadcast } from "./auth-broadcast";

const message = (trigger: string) =>
  JSON.stringify({ event: "session", data: { trigger }, clientId: "abc", timestamp: 1 });

describe("isSignOutBroadcast (B5: sign-out in another tab)", () => {
  it("recognises Better Auth's sign-out message", () => {
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, message("signout"))).toBe(true);
  });

  it("ignores other session messages, other keys, removals and garbage", () => {
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, message("updateUser"))).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, message("signin"))).toBe(false);
    expect(isSignOutBroadcast("something.else", message("signout"))).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, null)).toBe(false);
    expect(isSignOutBroadcast(null, null)).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, "{not json")).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, '{"event":"session"}')).toBe(false);
  });
});

describe("isSignInBroadcast (a sign-in in another tab)", () => {
  it("recognises the sign-in message", () => {
    expect(isSignInBroadcast(AUTH_BROADCAST_KEY, message("signin"))).toBe(true);
  });

  it("does not take a sign-out, another key or garbage for a sign-in", () => {
    expect(isSignInBroadcast(AUTH_BROADCAST_KEY, message("signout"))).toBe(false);
    expect(isSignInBroadcast("something.else", message("signin"))).toBe(false);
    expect(isSignInBroadcast(AUTH_BROADCAST_KEY, '["signin"]')).toBe(false);
    expect(isSignInBroadcast(AUTH_BROADCAST_KEY, null)).toBe(false);
  });
});
