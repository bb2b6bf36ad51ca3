import type { AuthFailure } from "@/lib/auth-client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../lib/account-rules/bounds";
import {
  PASSWORD_TOO_COMMON,
  PASSWORD_TOO_LONG,
  PASSWORD_TOO_SHORT,
} from "../../lib/account-rules/refusals";

export const INVALID_CREDENTIALS = "Invalid email or password.";

/** The register form puts a "Sign in instead" link under this one. */
export const ACCOUNT_EXISTS = "An account with this email already exists.";

/** Sign-in: a wrong password and an unknown email read the same. */
export function signInErrorMessage(error: AuthFailure): string {
  if (error.status === 429) return "Too many attempts. Wait a moment and try again.";
  if (error.status === 401 || error.status === 400) return INVALID_CREDENTIALS;
  return "Sign-in is unavailable right now. Try again in a moment.";
}

export function signUpErrorMessage(error: AuthFailure): string {
  if (error.status === 429) return "Too many attempts. Wait a moment and try again.";
  if (
    error.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" ||
    error.code === "USER_ALREADY_EXISTS"
  ) {
    return ACCOUNT_EXISTS;
  }
  if (error.code === PASSWORD_TOO_COMMON.code) return PASSWORD_TOO_COMMON.message;
  if (error.code === PASSWORD_TOO_SHORT.code) {
    return `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (error.code === PASSWORD_TOO_LONG.code) {
    return `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  if (error.status === 400 || error.status === 422)
    return error.message ?? "Check the form and try again.";
  return "Registration is unavailable right now. Try again in a moment.";
}
