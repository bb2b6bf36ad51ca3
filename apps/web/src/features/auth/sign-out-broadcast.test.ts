import { describe, expect, it } from "vitest";
import { AUTH_BROADCAST_KEY, isSignOutBroadcast } from "./sign-out-broadcast";

const message = (trigger: string) =>
  JSON.stringify({ event: "session", data: { trigger }, clientId: "abc", timestamp: 1 });

describe("isSignOutBroadcast (B5: sign-out in another tab)", () => {
  it("recognises Better Auth's sign-out message", () => {
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, message("signout"))).toBe(true);
  });

  it("ignores other session messages, other keys, removals and garbage", () => {
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, message("updateUser"))).toBe(false);
    expect(isSignOutBroadcast("something.else", message("signout"))).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, null)).toBe(false);
    expect(isSignOutBroadcast(null, null)).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, "{not json")).toBe(false);
    expect(isSignOutBroadcast(AUTH_BROADCAST_KEY, '{"event":"session"}')).toBe(false);
  });
});
