import { describe, expect, it, vi } from "vitest";
import {
  call,
  cookieHeader,
  newSession,
  PASSWORD,
  sameOrigin,
  signIn,
  signUp,
} from "../testing/auth-http";
import { ENGINES } from "../testing/databases";
import { captureStdout } from "../testing/log-capture";
import { sharedTestAuth } from "../testing/shared-test-auth";

// Sign-up, sign-in and password changes over Better Auth's HTTP handler.
// The per-IP limit is raised (never off) so these tests measure answers, not
// throttling; the U4 tests cover the limit itself.

describe.each(ENGINES)("on %s", (engine) => {
  const t = sharedTestAuth(engine, { env: { AUTH_RATE_LIMIT_MAX: "10000" } });

  function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  }

  async function timed(attempt: () => Promise<Response>): Promise<number> {
    const start = performance.now();
    const response = await attempt();
    await response.arrayBuffer();
    return performance.now() - start;
  }

  describe("sign-in does not tell accounts apart", () => {
    it("U1: a wrong password and an unknown email get the same status (401) and body", async () => {
      await signUp(t, "u1@example.com");
      const wrongPassword = await signIn(t, "u1@example.com", "not the password");
      const unknownEmail = await signIn(t, "nobody-u1@example.com", "not the password");
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      const body = await wrongPassword.json();
      expect(body).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
      expect(await unknownEmail.json()).toEqual(body);
      expect(wrongPassword.headers.get("set-cookie")).toBeNull();
      expect(unknownEmail.headers.get("set-cookie")).toBeNull();
    });

    it("U1: a wrong password and an unknown email take about as long (median over 15 trials each)", async () => {
      await signUp(t, "u1-timing@example.com");
      const wrong: number[] = [];
      const unknown: number[] = [];
      // Interleaved, so a slow spell on a shared machine hits both series.
      for (let trial = 0; trial < 15; trial++) {
        wrong.push(await timed(() => signIn(t, "u1-timing@example.com", "not the password")));
        unknown.push(
          await timed(() => signIn(t, `nobody-${trial}@example.com`, "not the password")),
        );
      }
      // Both hash the password (scrypt); an unknown email that skipped it would
      // be several times faster. The bound is loose so machine noise cannot flake it.
      const ratio = median(unknown) / median(wrong);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
      // 31 scrypt hashes: about 3 s here, but 20 s and more with both cores busy.
    }, 90_000);
  });

  describe("sign-up", () => {
    it("U2: an existing email is refused with 422 (documented enumeration, decision 010)", async () => {
      expect((await signUp(t, "u2@example.com")).status).toBe(200);
      const again = await signUp(t, "u2@example.com", "another password");
      expect(again.status).toBe(422);
      expect(await again.json()).toMatchObject({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" });
      expect(again.headers.get("set-cookie")).toBeNull();
    });

    it.each([
      [7, 400, "PASSWORD_TOO_SHORT"],
      [8, 200, undefined],
      [64, 200, undefined],
      [128, 200, undefined],
      [129, 400, "PASSWORD_TOO_LONG"],
    ])("U6: a %i-character password gets %i", async (length, status, code) => {
      const response = await signUp(t, `u6-${length}@example.com`, "p".repeat(length));
      expect(response.status).toBe(status);
      if (code) {
        const body = await response.json();
        expect(body.code).toBe(code);
        expect(body.message).toMatch(/password/i);
      } else {
        expect((await signIn(t, `u6-${length}@example.com`, "p".repeat(length))).status).toBe(200);
      }
    });

    it("U7: a 100-character password is not truncated to 72 and is case-sensitive", async () => {
      const password = `${"aB3".repeat(33)}Z`;
      expect(password).toHaveLength(100);
      expect((await signUp(t, "u7@example.com", password)).status).toBe(200);
      expect((await signIn(t, "u7@example.com", password.slice(0, 72))).status).toBe(401);
      const flipped = [...password]
        .map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
        .join("");
      expect((await signIn(t, "u7@example.com", flipped)).status).toBe(401);
      expect((await signIn(t, "u7@example.com", password)).status).toBe(200);
    });

    it("U8: a unicode password round-trips; it is NFKC-normalized before hashing (Better Auth, as 800-63B suggests), so its NFKC form signs in too", async () => {
      const password = "pässwörd-😀-ｆｕｌｌｗｉｄｔｈ";
      expect((await signUp(t, "u8@example.com", password)).status).toBe(200);
      expect((await signIn(t, "u8@example.com", password)).status).toBe(200);
      // Better Auth hashes password.normalize("NFKC"): the fullwidth letters
      // become ASCII, and the decomposed "ä" equals the composed one.
      const nfkc = password.normalize("NFKC");
      expect(nfkc).toBe("pässwörd-😀-fullwidth");
      expect((await signIn(t, "u8@example.com", nfkc)).status).toBe(200);
      expect((await signIn(t, "u8@example.com", password.normalize("NFD"))).status).toBe(200);
      // Normalization is not case folding or accent stripping.
      expect((await signIn(t, "u8@example.com", "passwsord-😀-fullwidth")).status).toBe(401);
      expect((await signIn(t, "u8@example.com", "PÄSSWÖRD-😀-FULLWIDTH")).status).toBe(401);
    });

    it("U10: no composition rules: a lowercase passphrase with spaces is accepted", async () => {
      const password = "correct horse battery staple";
      expect((await signUp(t, "u10@example.com", password)).status).toBe(200);
      expect((await signIn(t, "u10@example.com", password)).status).toBe(200);
    });
  });

  describe("changing credentials", () => {
    it("U12: a password change needs the current password", async () => {
      const cookie = await newSession(t, "u12-refused@example.com");
      const headers = sameOrigin(t, cookie);
      const missing = await call(t, "/change-password", {
        body: { newPassword: "a brand new password" },
        headers,
      });
      expect(missing.status).toBe(400);
      const wrong = await call(t, "/change-password", {
        body: { newPassword: "a brand new password", currentPassword: "not the password" },
        headers,
      });
      expect(wrong.status).toBeGreaterThanOrEqual(400);
      expect(wrong.status).toBeLessThan(500);
      expect((await signIn(t, "u12-refused@example.com", "a brand new password")).status).toBe(401);
      expect((await signIn(t, "u12-refused@example.com", PASSWORD)).status).toBe(200);
    });

    it("U12: the email cannot be changed without verification (change-email is off, update-user refuses it)", async () => {
      const cookie = await newSession(t, "u12-email@example.com");
      const headers = sameOrigin(t, cookie);
      const changeEmail = await call(t, "/change-email", {
        body: { newEmail: "taken-over@example.com" },
        headers,
      });
      expect(changeEmail.status).toBeGreaterThanOrEqual(400);
      const updateUser = await call(t, "/update-user", {
        body: { email: "taken-over@example.com" },
        headers,
      });
      expect(updateUser.status).toBe(400);
      expect((await signIn(t, "u12-email@example.com")).status).toBe(200);
      expect((await signIn(t, "taken-over@example.com")).status).toBe(401);
    });

    it("U12: with the current password the change succeeds and revokeOtherSessions ends the other sessions", async () => {
      const email = "u12-ok@example.com";
      const laptop = await newSession(t, email);
      const phone = cookieHeader(await signIn(t, email));
      const session = (cookie: string) =>
        call(t, "/get-session", { headers: sameOrigin(t, cookie) }).then((r) => r.json());
      expect(await session(phone)).toMatchObject({ user: { email } });

      const changed = await call(t, "/change-password", {
        body: {
          currentPassword: PASSWORD,
          newPassword: "a brand new password",
          revokeOtherSessions: true,
        },
        headers: sameOrigin(t, laptop),
      });
      expect(changed.status).toBe(200);
      const fresh = cookieHeader(changed);
      expect(await session(phone)).toBeNull();
      expect(await session(fresh || laptop)).toMatchObject({ user: { email } });
      expect((await signIn(t, email)).status).toBe(401);
      expect((await signIn(t, email, "a brand new password")).status).toBe(200);
    });
  });

  describe("logs", () => {
    it("no log line carries a password, a session token or a JWT", async () => {
      const lines: string[] = [];
      const capture = (...args: unknown[]) => {
        lines.push(
          args.map((a) => (a instanceof Error ? `${a.message}${a.stack}` : String(a))).join(" "),
        );
      };
      const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
        vi.spyOn(console, level).mockImplementation(capture),
      );
      // The web logger (pino) writes JSON lines to stdout.
      const stdout = captureStdout();
      try {
        const password = "secret-password-for-log-test";
        const signedUp = await signUp(t, "logs@example.com", password);
        const cookie = cookieHeader(signedUp);
        await signIn(t, "logs@example.com", "wrong-password-for-log-test");
        await signUp(t, "logs@example.com", password);
        const token = await call(t, "/token", { headers: sameOrigin(t, cookie) }).then((r) =>
          r.json(),
        );
        await call(t, "/sign-out", {
          body: {},
          headers: { cookie, origin: "https://evil.example" },
        });
        const sessionToken = cookie.split("=")[1]?.split(".")[0] ?? "";
        expect(sessionToken.length).toBeGreaterThan(10);
        const all = `${lines.join("\n")}\n${stdout.text()}`;
        for (const secret of [password, "wrong-password-for-log-test", sessionToken, token.token]) {
          expect(all).not.toContain(secret);
        }
      } finally {
        for (const spy of spies) spy.mockRestore();
        stdout.restore();
      }
    });
  });
});
