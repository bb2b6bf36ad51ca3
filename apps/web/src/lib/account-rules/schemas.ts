import * as z from "zod/mini";
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_TOO_LONG_MESSAGE,
  PASSWORD_TOO_SHORT_MESSAGE,
} from "./bounds";
import { PASSWORD_REQUIRED } from "./refusals";

// The account rules as schemas, checked by the forms (loaded when a form first
// needs them, so zod stays out of the first load) and by the identity
// provider's plugins (identity/account/), whoever sends the request.

/** A display name: 1..100 characters once trimmed, and stored trimmed. */
export const NameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter your name."),
    z.maxLength(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`),
  );

/** A password being chosen (sign-up, change): length only. Never trimmed. */
export const NewPasswordSchema = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT_MESSAGE),
    z.maxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG_MESSAGE),
  );

/** Deleting the account always asks for the password, never just a fresh session. */
export const DeleteAccountSchema = z.object({
  password: z.string().check(z.minLength(1, PASSWORD_REQUIRED.message)),
});
