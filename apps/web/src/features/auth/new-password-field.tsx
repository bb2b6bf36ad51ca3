import { PasswordField } from "@/components/password-field";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../lib/account-rules/bounds";

type NewPasswordFieldProps = { name?: string; label?: string; error: string | undefined };

/** A password being chosen, with the length rule under it (and read out with it). */
export function NewPasswordField(props: NewPasswordFieldProps) {
  return (
    <PasswordField
      {...props}
      purpose="new"
      hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`}
    />
  );
}
