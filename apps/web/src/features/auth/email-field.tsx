import { FormField } from "@/components/form-field";

/** The account's email, asked the same way by both credential forms. */
export function EmailField({ error }: { error: string | undefined }) {
  return (
    <FormField
      name="email"
      label="Email"
      type="email"
      autoComplete="email"
      error={error}
      required
    />
  );
}
