import { NAME_MAX_LENGTH, PASSWORD_TOO_LONG_MESSAGE, PASSWORD_TOO_SHORT_MESSAGE } from "./bounds";

// The codes the identity provider refuses an account change with, each with
// the message a form shows at the field concerned. The server sends the same
// message, so a client that shows the server's text says the same thing.

export type Refusal = { code: string; message: string };

export const INVALID_NAME: Refusal = {
  code: "INVALID_NAME",
  message: `Use a name of 1 to ${NAME_MAX_LENGTH} characters.`,
};

/** A new password on the list of commonly used ones (server only: the list is large). */
export const PASSWORD_TOO_COMMON: Refusal = {
  code: "PASSWORD_TOO_COMMON",
  message: "This password is too common. Choose one that is harder to guess.",
};

/** Deleting the account without the password. */
export const PASSWORD_REQUIRED: Refusal = {
  code: "PASSWORD_REQUIRED",
  message: "Enter your password to confirm.",
};

// Better Auth's own codes for its emailAndPassword length bounds (./bounds).
export const PASSWORD_TOO_SHORT: Refusal = {
  code: "PASSWORD_TOO_SHORT",
  message: PASSWORD_TOO_SHORT_MESSAGE,
};
export const PASSWORD_TOO_LONG: Refusal = {
  code: "PASSWORD_TOO_LONG",
  message: PASSWORD_TOO_LONG_MESSAGE,
};
