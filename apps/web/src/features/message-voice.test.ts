import { ABORTED, ApiError, NETWORK_ERROR } from "@taskgate/api-client/api-error";
import { describe, expect, it } from "vitest";
import { DeleteAccountSchema } from "../lib/account-rules/schemas";
import {
  changePasswordFailure,
  deleteAccountFailure,
  type FormFailure,
  profileFailure,
  sessionsFailure,
} from "./account/account-errors";
import { ChangePasswordSchema } from "./account/account-schemas";
import { signInErrorMessage, signUpErrorMessage } from "./auth/auth-error-message";
import { LoginSchema, RegisterSchema } from "./auth/credentials-schema";
import { LOGIN_REASONS } from "./auth/login-reason";
import { describeApiError } from "./connectivity/describe-api-error";
import { describeTaskError } from "./tasks/describe-task-error";

// One voice in every message (issue 15, decision 049): a message is a whole
// sentence and ends with a full stop (or an ellipsis while something is
// under way), and it tells the person what to do without "please". Titles
// and labels (toast titles, the status chip, buttons) are not messages.

const SENTENCE = /^[A-Z].*[.…]$/s;

function expectVoice(messages: Iterable<string>) {
  for (const message of messages) {
    expect(message, message).toMatch(SENTENCE);
    expect(message, message).not.toMatch(/\bplease\b/i);
    expect(message, message).not.toMatch(/\.\./);
  }
}

const STATUSES = [0, 400, 401, 403, 404, 409, 413, 422, 429, 500, 503];
const AUTH_CODES = [
  undefined,
  "INVALID_PASSWORD",
  "PASSWORD_TOO_SHORT",
  "PASSWORD_TOO_LONG",
  "PASSWORD_TOO_COMMON",
  "PASSWORD_REQUIRED",
  "CREDENTIAL_ACCOUNT_NOT_FOUND",
  "SESSION_NOT_FRESH",
  "USER_ALREADY_EXISTS",
];
const authFailures = STATUSES.flatMap((status) =>
  AUTH_CODES.map((code) => ({ status, code, message: undefined })),
);
const formMessages = (failure: FormFailure) => [
  ...Object.values(failure.fields),
  ...(failure.alert ? [failure.alert] : []),
];
const zodMessages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("every message speaks with one voice", () => {
  it("the login page's reasons", () => {
    expectVoice(Object.values(LOGIN_REASONS).map((reason) => reason.text));
  });

  it("task errors, whatever the api answered", () => {
    const errors = [
      new Error("boom"),
      new ApiError({ status: 0, code: NETWORK_ERROR, detail: "" }),
      new ApiError({ status: 0, code: ABORTED, detail: "" }),
      new ApiError({ status: 0, code: "TIMEOUT", detail: "" }),
      ...STATUSES.map((status) => new ApiError({ status, code: "X", detail: "" })),
    ];
    expectVoice(errors.map((error) => describeTaskError(error).message));
    expectVoice(errors.map(describeApiError));
  });

  it("sign-in, sign-up and account failures, at fields and in alerts", () => {
    expectVoice(authFailures.map(signInErrorMessage));
    expectVoice(authFailures.map(signUpErrorMessage));
    for (const describeFailure of [
      profileFailure,
      changePasswordFailure,
      deleteAccountFailure,
      sessionsFailure,
    ]) {
      expectVoice(authFailures.flatMap((failure) => formMessages(describeFailure(failure))));
    }
  });

  it("the forms' own checks", () => {
    const empty = { name: "", email: "", password: "" };
    expectVoice(zodMessages(RegisterSchema.safeParse(empty)));
    expectVoice(zodMessages(RegisterSchema.safeParse({ ...empty, name: "x".repeat(101) })));
    expectVoice(zodMessages(RegisterSchema.safeParse({ ...empty, password: "x".repeat(129) })));
    expectVoice(zodMessages(LoginSchema.safeParse(empty)));
    expectVoice(
      zodMessages(
        ChangePasswordSchema.safeParse({
          currentPassword: "same password",
          newPassword: "same password",
          confirmPassword: "different",
        }),
      ),
    );
    expectVoice(
      zodMessages(
        ChangePasswordSchema.safeParse({
          currentPassword: "",
          newPassword: "",
          confirmPassword: "",
        }),
      ),
    );
    expectVoice(zodMessages(DeleteAccountSchema.safeParse({ password: "" })));
  });
});
