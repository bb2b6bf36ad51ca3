import { describe, expect, it } from "vitest";
import { call, cookieHeader, newSession, PASSWORD, sameOrigin, signUp } from "../testing/auth-http";
import { ENGINES } from "../testing/databases";
import { sharedTestAuth } from "../testing/shared-test-auth";

// Origin and Fetch-Metadata checks, CORS and cookie attributes of the real
// handler. createAuth turns the origin check on explicitly: Better Auth would
// skip it under NODE_ENV=test, which vitest sets.

const EVIL = "https://evil.example";

describe.each(ENGINES)("on %s", (engine) => {
  const t = sharedTestAuth(engine, { env: { AUTH_RATE_LIMIT_MAX: "10000" } });

  const session = (cookie: string) =>
    call(t, "/get-session", { headers: sameOrigin(t, cookie) }).then((r) => r.json());

  describe("cross-site requests with the victim's cookie", () => {
    it("C1: a cross-site sign-out is refused with 403 and the session stays valid", async () => {
      const cookie = await newSession(t, "c1@example.com");
      const response = await call(t, "/sign-out", { body: {}, headers: { cookie, origin: EVIL } });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await session(cookie)).toMatchObject({ user: { email: "c1@example.com" } });
    });

    it("C1: a cross-site update-user is refused with 403 and changes nothing", async () => {
      const cookie = await newSession(t, "c1-update@example.com");
      const response = await call(t, "/update-user", {
        body: { name: "Mallory" },
        headers: { cookie, origin: EVIL },
      });
      expect(response.status).toBe(403);
      expect(await session(cookie)).toMatchObject({ user: { name: "Test User" } });
    });

    it("C1: a cookie-bearing POST with no Origin or Referer at all is refused (403)", async () => {
      const cookie = await newSession(t, "c1-no-origin@example.com");
      const response = await call(t, "/sign-out", { body: {}, headers: { cookie } });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "MISSING_OR_NULL_ORIGIN" });
      expect(await session(cookie)).not.toBeNull();
    });

    it("C1: the same sign-out from the app's own origin works (control)", async () => {
      const cookie = await newSession(t, "c1-control@example.com");
      const response = await call(t, "/sign-out", { body: {}, headers: sameOrigin(t, cookie) });
      expect(response.status).toBe(200);
      expect(await session(cookie)).toBeNull();
    });
  });

  describe("login CSRF", () => {
    const navigate = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" };

    it("C2: a cross-site top-level form POST to sign-in (no cookies) is blocked", async () => {
      await signUp(t, "c2@example.com");
      const form = new URLSearchParams({ email: "c2@example.com", password: PASSWORD }).toString();
      const asForm = await call(t, "/sign-in/email", {
        method: "POST",
        body: form,
        headers: { ...navigate, "content-type": "application/x-www-form-urlencoded" },
      });
      expect(asForm.status).toBe(403);
      expect(asForm.headers.getSetCookie()).toEqual([]);

      const asJson = await call(t, "/sign-in/email", {
        body: { email: "c2@example.com", password: PASSWORD },
        headers: navigate,
      });
      expect(asJson.status).toBe(403);
      expect(await asJson.json()).toMatchObject({ code: "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED" });
      expect(asJson.headers.getSetCookie()).toEqual([]);
    });

    it("C2: a sign-in or sign-up from an untrusted Origin is refused with 403", async () => {
      await signUp(t, "c2-origin@example.com");
      const signIn = await call(t, "/sign-in/email", {
        body: { email: "c2-origin@example.com", password: PASSWORD },
        headers: { origin: EVIL },
      });
      expect(signIn.status).toBe(403);
      expect(await signIn.json()).toMatchObject({ code: "INVALID_ORIGIN" });
      expect(signIn.headers.getSetCookie()).toEqual([]);

      const signUpEvil = await call(t, "/sign-up/email", {
        body: { name: "Mallory", email: "c2-new@example.com", password: PASSWORD },
        headers: { origin: EVIL, "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" },
      });
      expect(signUpEvil.status).toBe(403);
      expect(signUpEvil.headers.getSetCookie()).toEqual([]);
    });

    it("C2: the same sign-in from the app's own origin works (control)", async () => {
      await signUp(t, "c2-control@example.com");
      const response = await call(t, "/sign-in/email", {
        body: { email: "c2-control@example.com", password: PASSWORD },
        headers: { origin: t.baseUrl, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
      });
      expect(response.status).toBe(200);
    });
  });

  describe("cross-origin reads", () => {
    it("C3: /token requested from evil.example with the cookie carries no CORS grant", async () => {
      const cookie = await newSession(t, "c3@example.com");
      for (const method of ["GET", "OPTIONS"]) {
        const response = await call(t, "/token", {
          method,
          headers: {
            cookie,
            origin: EVIL,
            "sec-fetch-site": "cross-site",
            "sec-fetch-mode": "cors",
            "access-control-request-method": "GET",
          },
        });
        // Without Access-Control-Allow-Origin the browser hides the body from evil.
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
        expect(response.headers.get("access-control-allow-credentials")).toBeNull();
        expect(response.headers.get("cache-control")).toMatch(/no-store/);
      }
    });

    it("C3: the session cookie is SameSite=Lax, so a cross-site subresource request does not carry it", async () => {
      const response = await signUp(t, "c3-cookie@example.com");
      const session = response.headers
        .getSetCookie()
        .find((value) => value.startsWith("better-auth.session_token="));
      expect(session).toMatch(/;\s*SameSite=Lax/i);
      expect(session).toMatch(/;\s*HttpOnly/i);
    });
  });

  describe("cookie attributes in production", () => {
    const secure = sharedTestAuth(engine, {
      env: { WEB_URL: "https://taskgate.example", AUTH_RATE_LIMIT_MAX: "10000" },
    });

    it("C5: with an https WEB_URL (Better Auth's base URL) the session cookie is __Secure-, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain", async () => {
      const response = await signUp(secure, "c5@example.com");
      expect(response.status).toBe(200);
      const cookies = response.headers.getSetCookie();
      const session = cookies.find((value) => value.includes("session_token="));
      expect(session).toBeDefined();
      const [pair = "", ...attributes] = (session ?? "").split(";").map((part) => part.trim());
      expect(pair.startsWith("__Secure-better-auth.session_token=")).toBe(true);
      const names = attributes.map((attribute) => attribute.split("=")[0]?.toLowerCase());
      expect(names).toContain("secure");
      expect(names).toContain("httponly");
      expect(names).not.toContain("domain");
      expect(attributes).toContain("Path=/");
      expect(attributes.map((a) => a.toLowerCase())).toContain("samesite=lax");
      // Every cookie Better Auth sets here follows the same rules.
      for (const cookie of cookies) {
        expect(cookie.startsWith("__Secure-")).toBe(true);
        expect(cookie.toLowerCase()).not.toContain("domain=");
      }
      // And the cookie works: the session is readable with it.
      const me = await call(secure, "/get-session", {
        headers: { cookie: cookieHeader(response), origin: secure.baseUrl },
      });
      expect(await me.json()).toMatchObject({ user: { email: "c5@example.com" } });
    });
  });
});
