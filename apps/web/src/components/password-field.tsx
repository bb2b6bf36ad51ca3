import { FormField } from "./form-field";

type PasswordFieldProps = {
  /** Both default to the account's password: "password", labelled "Password". */
  name?: string;
  label?: string;
  /** Lets password managers fill in the saved password ("current") or offer a new one ("new"). */
  purpose: "current" | "new";
  error: string | undefined;
  hint?: string;
};

/** A required password input. */
export function PasswordField({
  name = "password",
  label = "Password",
  purpose,
  ...field
}: PasswordFieldProps) {
  return (
    <FormField
      name={name}
      label={label}
      type="password"
      autoComplete={`${purpose}-password`}
      required
      {...field}
    />
  );
}
