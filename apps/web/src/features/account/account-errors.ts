import type { AuthFailure } from "@/lib/auth-client";
import {
  PASSWORD_REQUIRED,
  PASSWORD_TOO_COMMON,
  PASSWORD_TOO_LONG,
  PASSWORD_TOO_SHORT,
} from "../../lib/account-rules/refusals";

/**
 * What a form shows for a failed request: messages at fields, and one for the
 * whole form. `sessionEnded`: the session is gone (revoked elsewhere,
 * expired), so the page leaves for the login page.
 */
export type FormFailure = {
  fields: Record<string, string>;
  alert: string | null;
  sessionEnded?: true;
};

const TOO_MANY = "Too many attempts. Wait a moment and try again.";
export const NO_CONNECTION = "No connection. Check your network and try again.";
export const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

const alertOnly = (alert: string): FormFailure => ({ fields: {}, alert });
const atField = (field: string, message: string): FormFailure => ({
  fields: { [field]: message },
  alert: null,
});

/** The failures every account request shares; null when the caller must decide. */
function commonFailure(error: AuthFailure): FormFailure | null {
  if (error.status === 0) return alertOnly(NO_CONNECTION);
  if (error.status === 401) return { fields: {}, alert: SESSION_ENDED, sessionEnded: true };
  if (error.status === 429) return alertOnly(TOO_MANY);
  if (error.status >= 500) return alertOnly("Something went wrong on our side. Try again.");
  return null;
}

export function profileFailure(error: AuthFailure): FormFailure {
  return commonFailure(error) ?? atField("name", error.message ?? "This name cannot be saved.");
}

export function changePasswordFailure(error: AuthFailure): FormFailure {
  if (error.code === "INVALID_PASSWORD") {
    return atField("currentPassword", "That is not your current password.");
  }
  for (const refusal of [PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_TOO_COMMON]) {
    if (error.code === refusal.code) return atField("newPassword", refusal.message);
  }
  if (error.code === "CREDENTIAL_ACCOUNT_NOT_FOUND") {
    return alertOnly("This account has no password to change.");
  }
  return commonFailure(error) ?? alertOnly("The password could not be changed. Try again.");
}

export function deleteAccountFailure(error: AuthFailure): FormFailure {
  if (error.code === "INVALID_PASSWORD")
    return atField("password", "That password is not correct.");
  if (error.code === PASSWORD_REQUIRED.code) return atField("password", PASSWORD_REQUIRED.message);
  // Better Auth answers 404 while `user.deleteUser` is not enabled on the server.
  if (error.status === 404) return alertOnly("Deleting accounts is not available right now.");
  return commonFailure(error) ?? alertOnly("The account could not be deleted. Try again.");
}

/** For the sessions list and its buttons, which have no fields. */
export function sessionsFailure(error: AuthFailure): FormFailure {
  // Better Auth lists sessions only for a session signed in within the last day.
  if (error.code === "SESSION_NOT_FRESH") {
    return alertOnly(
      "For your security, this list needs a recent sign-in. Sign out, sign in again, and come back.",
    );
  }
  return commonFailure(error) ?? alertOnly("That did not work. Try again.");
}
