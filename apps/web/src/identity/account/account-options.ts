import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../lib/account-rules/bounds";

/** Better Auth's `emailAndPassword` option: the account rules' password bounds. */
export const EMAIL_AND_PASSWORD_OPTIONS = {
  enabled: true,
  minPasswordLength: PASSWORD_MIN_LENGTH,
  maxPasswordLength: PASSWORD_MAX_LENGTH,
} as const;

/**
 * Better Auth's `user` option. Deleting a user deletes their sessions and
 * accounts at once (no e-mail step); deleteRequiresPassword makes the password
 * mandatory.
 */
export const USER_OPTIONS = { deleteUser: { enabled: true } } as const;
