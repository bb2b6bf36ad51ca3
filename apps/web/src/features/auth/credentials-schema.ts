import * as z from "zod/mini";
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../lib/account-rules/bounds";

// Loaded by the forms when they first need it (see useCredentialsForm): zod
// stays out of the pages' first-load JavaScript.

const email = z.string().check(z.trim(), z.email("Enter a valid email address"));

/** A display name: 1..100 characters once trimmed (sign-up and the account page). */
export const NameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter your name"),
    z.maxLength(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters`),
  );

/** A password being chosen (sign-up, change): length only, no composition rules. */
export const NewPasswordSchema = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`),
    z.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
  );

export const RegisterSchema = z.object({
  name: NameSchema,
  email,
  password: NewPasswordSchema,
});

export const LoginSchema = z.object({
  email,
  password: z.string().check(z.minLength(1, "Enter your password")),
});

export type RegisterInput = z.infer<typeof RegisterSchema>;
export type LoginInput = z.infer<typeof LoginSchema>;
