import { describe, expect, it } from "vitest";
import {
  findsSessionDead,
  parseSessionEndedCookie,
  sessionEndedCookie,
} from "./ended-session-cookie.server";
import { endingCauseOf, sessionTokenHash } from "./session-endings.server";

describe("why a session ended: the pieces", () => {
  it("maps only the endpoints that end sessions from elsewhere", () => {
    expect(endingCauseOf("/revoke-other-sessions")).toBe("session-revoked");
    expect(endingCauseOf("/revoke-session")).toBe("session-revoked");
    expect(endingCauseOf("/change-password")).toBe("password-changed");
    expect(endingCauseOf("/delete-user")).toBe("account-deleted");
    expect(endingCauseOf("/sign-out")).toBeNull();
    expect(endingCauseOf("/get-session")).toBeNull();
    expect(endingCauseOf("toString")).toBeNull();
    expect(endingCauseOf(undefined)).toBeNull();
  });

  it("hashes the token, whether given alone or as the signed cookie value", () => {
    expect(sessionTokenHash("abc.signature%3D")).toBe(sessionTokenHash("abc"));
    expect(sessionTokenHash("abc")).not.toBe(sessionTokenHash("abd"));
    expect(sessionTokenHash("abc")).not.toContain("abc");
  });

  it("the cookie goes to /login only, and is read back only when it is ours", () => {
    const cookie = sessionEndedCookie("password-changed", true);
    expect(cookie).toMatch(/^taskgate\.session-ended=password-changed; Path=\/login; Max-Age=\d+/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(sessionEndedCookie("session-revoked", false)).not.toContain("Secure");
    expect(parseSessionEndedCookie("session-revoked")).toBe("session-revoked");
    expect(parseSessionEndedCookie("signed-out")).toBeNull();
    expect(parseSessionEndedCookie(undefined)).toBeNull();
  });

  it("recognises an answer that finds the session dead", () => {
    expect(findsSessionDead(new Response(null, { status: 401 }))).toBe(true);
    const cleared = new Response("null", {
      headers: [["set-cookie", "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly"]],
    });
    expect(findsSessionDead(cleared)).toBe(true);
    const secureCleared = new Response("null", {
      headers: [["set-cookie", "__Secure-better-auth.session_token=; Max-Age=0; Path=/"]],
    });
    expect(findsSessionDead(secureCleared)).toBe(true);
    const refreshed = new Response("{}", {
      headers: [["set-cookie", "better-auth.session_token=abc.def; Max-Age=604800; Path=/"]],
    });
    expect(findsSessionDead(refreshed)).toBe(false);
  });
});
