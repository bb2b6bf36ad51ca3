/**
 * Why a person is on the sign-in page, carried as `?reason=` by whatever sent
 * them there (decision 049). Unknown values show nothing: the parameter is
 * not trusted to say anything we did not write.
 */
export const LOGIN_REASONS = {
  "session-expired": {
    tone: "info",
    text: "Your session has ended. Sign in again to pick up where you left off.",
  },
  "signed-out-elsewhere": {
    tone: "info",
    text: "You signed out in another tab. Sign in again to continue.",
  },
  "session-revoked": {
    tone: "info",
    text: "This device was signed out from another device. Sign in again to continue.",
  },
  "password-changed": {
    tone: "info",
    text: "Your password was changed, so this device was signed out. Sign in with the new password.",
  },
  "signed-out": { tone: "success", text: "You have signed out." },
  "account-deleted": {
    tone: "success",
    text: "Your account has been deleted, with all its tasks and sessions.",
  },
} as const;

export type LoginReason = keyof typeof LOGIN_REASONS;

export function parseLoginReason(value: string | string[] | undefined): LoginReason | null {
  if (typeof value !== "string") return null;
  return Object.hasOwn(LOGIN_REASONS, value) ? (value as LoginReason) : null;
}
