import * as z from "zod/mini";
import { NameSchema, NewPasswordSchema } from "../../lib/account-rules/schemas";

// Loaded by the forms when they first need it (see useCredentialsForm): zod
// stays out of the pages' first-load JavaScript. The name and password rules
// are the account rules the server applies too (lib/account-rules).

const email = z.string().check(z.trim(), z.email("Enter a valid email address."));

export const RegisterSchema = z.object({
  name: NameSchema,
  email,
  password: NewPasswordSchema,
});

export const LoginSchema = z.object({
  email,
  password: z.string().check(z.minLength(1, "Enter your password.")),
});

export type RegisterInput = z.infer<typeof RegisterSchema>;
export type LoginInput = z.infer<typeof LoginSchema>;
