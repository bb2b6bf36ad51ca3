import { describe, expect, it } from "vitest";
import {
  changePasswordFailure,
  deleteAccountFailure,
  profileFailure,
  SESSION_ENDED,
  sessionsFailure,
} from "./account-errors";

const invalidPassword = { status: 400, code: "INVALID_PASSWORD", message: "Invalid password" };

describe("changePasswordFailure", () => {
  it("puts a wrong current password at the current-password field", () => {
    expect(changePasswordFailure(invalidPassword)).toEqual({
      fields: { currentPassword: "That is not your current password." },
      alert: null,
    });
  });

  it("puts the server's length refusals at the new-password field", () => {
    expect(changePasswordFailure({ status: 400, code: "PASSWORD_TOO_SHORT" }).fields).toEqual({
      newPassword: "Use at least 8 characters.",
    });
    expect(changePasswordFailure({ status: 400, code: "PASSWORD_TOO_LONG" }).fields).toEqual({
      newPassword: "Use at most 128 characters.",
    });
  });

  it("tells a rate-limited, signed-out or offline user what happened", () => {
    expect(changePasswordFailure({ status: 429 }).alert).toMatch(/Too many attempts/);
    expect(changePasswordFailure({ status: 401 }).alert).toBe(SESSION_ENDED);
    expect(changePasswordFailure({ status: 0 }).alert).toMatch(/No connection/);
    expect(changePasswordFailure({ status: 503 }).alert).toMatch(/on our side/);
  });
});

describe("deleteAccountFailure", () => {
  it("puts a wrong password at the password field", () => {
    expect(deleteAccountFailure(invalidPassword)).toEqual({
      fields: { password: "That password is not correct." },
      alert: null,
    });
  });

  it("puts the server's demand for a password at the password field", () => {
    expect(deleteAccountFailure({ status: 400, code: "PASSWORD_REQUIRED" }).fields).toEqual({
      password: "Enter your password to confirm.",
    });
  });

  it("says so when the server does not allow deleting accounts", () => {
    expect(deleteAccountFailure({ status: 404, code: "NOT_FOUND" }).alert).toMatch(/not available/);
  });
});

describe("profileFailure", () => {
  it("shows a refused name at the name field and a rate limit in the form alert", () => {
    const refused = {
      status: 400,
      code: "INVALID_NAME",
      message: "Use a name of 1 to 100 characters.",
    };
    expect(profileFailure(refused).fields).toEqual({ name: "Use a name of 1 to 100 characters." });
    expect(profileFailure({ status: 429 })).toEqual({
      fields: {},
      alert: "Too many attempts. Wait a moment and try again.",
    });
  });
});

describe("sessionsFailure", () => {
  it("explains Better Auth's fresh-session rule instead of a bare 403", () => {
    expect(sessionsFailure({ status: 403, code: "SESSION_NOT_FRESH" }).alert).toMatch(
      /recent sign-in/,
    );
  });

  it("falls back to a generic message", () => {
    expect(sessionsFailure({ status: 418 }).alert).toMatch(/did not work/);
  });
});

describe("a session that has ended", () => {
  it("is flagged so the page can go to the login page, whatever the request", () => {
    for (const failure of [
      profileFailure({ status: 401 }),
      changePasswordFailure({ status: 401, code: "UNAUTHORIZED" }),
      deleteAccountFailure({ status: 401 }),
      sessionsFailure({ status: 401 }),
    ]) {
      expect(failure).toEqual({ fields: {}, alert: SESSION_ENDED, sessionEnded: true });
    }
  });

  it("is not flagged for a wrong password, which is a 400", () => {
    expect(changePasswordFailure(invalidPassword).sessionEnded).toBeUndefined();
  });
});
