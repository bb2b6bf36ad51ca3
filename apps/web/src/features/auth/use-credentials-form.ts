"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import type { AuthFailure } from "./auth-error-message";
import { fieldErrors } from "./credentials-schema";

type AuthResult = { error: AuthFailure | null };

/**
 * The submit cycle both sign-in and sign-up share: validate with the form's
 * zod schema, call Better Auth, show its error or go to `next`.
 */
export function useCredentialsForm<Input extends Record<string, unknown>>(options: {
  schema: z.ZodType<Input>;
  fields: readonly (keyof Input & string)[];
  submit: (input: Input) => Promise<AuthResult>;
  errorMessage: (error: AuthFailure) => string;
  next: string;
}) {
  const router = useRouter();
  // Keyed by field name; a field without an entry has no error.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = options.schema.safeParse(
      Object.fromEntries(options.fields.map((field) => [field, form.get(field)])),
    );
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setAlert("Check the highlighted fields.");
      return;
    }
    setErrors({});
    setAlert(null);
    setPending(true);
    const { error } = await options.submit(parsed.data);
    if (error) {
      setPending(false);
      setAlert(options.errorMessage(error));
      return;
    }
    router.replace(options.next);
    router.refresh();
  }

  return { errors, alert, pending, onSubmit };
}
