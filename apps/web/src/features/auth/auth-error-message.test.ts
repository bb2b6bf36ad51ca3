import { describe, expect, it } from "vitest";
import { INVALID_CREDENTIALS, signInErrorMessage, signUpErrorMessage } from "./auth-error-message";

describe("signInErrorMessage", () => {
  it("shows one message for a wrong password and an unknown email", () => {
    const wrongPassword = {
      status: 401,
      code: "INVALID_EMAIL_OR_PASSWORD",
      message: "Invalid email or password.",
    };
    const unknownEmail = { status: 401, code: "INVALID_EMAIL_OR_PASSWORD" };
    expect(signInErrorMessage(wrongPassword)).toBe(INVALID_CREDENTIALS);
    expect(signInErrorMessage(unknownEmail)).toBe(INVALID_CREDENTIALS);
  });

  it("tells a rate-limited user to wait", () => {
    expect(signInErrorMessage({ status: 429 })).toMatch(/Too many attempts/);
  });

  it("does not blame the credentials for a server failure", () => {
    expect(signInErrorMessage({ status: 500 })).toMatch(/unavailable/);
  });
});

describe("signUpErrorMessage", () => {
  it("explains an email that is taken", () => {
    expect(
      signUpErrorMessage({ status: 422, code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" }),
    ).toMatch(/already exists/);
  });

  it("explains a password outside 8..128", () => {
    expect(signUpErrorMessage({ status: 400, code: "PASSWORD_TOO_LONG" })).toMatch(/at most 128/);
  });
});
