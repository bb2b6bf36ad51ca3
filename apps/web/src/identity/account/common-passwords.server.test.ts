import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD_TOO_COMMON } from "../../lib/account-rules/refusals";
import {
  call,
  newSession,
  PASSWORD,
  sameOrigin,
  signUp,
  startAuth,
  type TestAuth,
} from "../testing/auth-http";
import { isCommonPassword } from "./common-passwords.server";

describe("isCommonPassword", () => {
  it("finds the most used passwords whatever their case, and not a passphrase", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(isCommonPassword("12345678")).toBe(true);
    expect(isCommonPassword(PASSWORD)).toBe(false);
  });
});

// Over Better Auth's real HTTP handler and database: the forms cannot be relied on.
describe("the server refuses a commonly used new password", () => {
  let t: TestAuth;
  beforeAll(async () => {
    t = await startAuth("sqlite", { AUTH_RATE_LIMIT_MAX: "10000" });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("at sign-up, and creates no account", async () => {
    const refused = await signUp(t, "common@example.com", "password");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject(PASSWORD_TOO_COMMON);
    expect((await signUp(t, "common@example.com")).status).toBe(200);
  });

  it("when changing the password, and the old one still works", async () => {
    const cookie = await newSession(t, "change-common@example.com");
    const refused = await call(t, "/change-password", {
      method: "POST",
      body: { currentPassword: PASSWORD, newPassword: "iloveyou1" },
      headers: sameOrigin(t, cookie),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject(PASSWORD_TOO_COMMON);
    const signIn = await call(t, "/sign-in/email", {
      body: { email: "change-common@example.com", password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
  });
});
