import * as z from "zod/mini";
import { NameSchema, NewPasswordSchema } from "../../lib/account-rules/schemas";

// Loaded by the forms when they first need it (see useAccountForm): zod stays
// out of the account page's first-load JavaScript.

/** The profile form: the same name rule as sign-up. */
export const ProfileSchema = z.object({ name: NameSchema });

/**
 * The password form. The current password is only checked for presence here:
 * the server says whether it is right. Passwords are never trimmed.
 */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().check(z.minLength(1, "Enter your current password.")),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string().check(z.minLength(1, "Type the new password again.")),
  })
  .check(
    z.refine((input) => input.confirmPassword === input.newPassword, {
      path: ["confirmPassword"],
      message: "The two new passwords do not match.",
    }),
    z.refine((input) => input.newPassword !== input.currentPassword, {
      path: ["newPassword"],
      message: "Choose a password different from the current one.",
    }),
  );

export type ProfileInput = z.infer<typeof ProfileSchema>;
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;
