"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { getAuthClient } from "@/lib/auth-client";
import { signUpErrorMessage } from "./auth-error-message";
import {
  type FieldErrors,
  fieldErrors,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type RegisterInput,
  RegisterSchema,
} from "./credentials-schema";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

/** `next` is already checked by safeNextPath on the server. */
export function RegisterForm({ next }: { next: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors<RegisterInput>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = RegisterSchema.safeParse({
      name: form.get("name"),
      email: form.get("email"),
      password: form.get("password"),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setAlert("Check the highlighted fields.");
      return;
    }
    setErrors({});
    setAlert(null);
    setPending(true);
    const { error } = await getAuthClient().signUp.email(parsed.data);
    if (error) {
      setPending(false);
      setAlert(signUpErrorMessage(error));
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Create account"
    >
      <FormField name="name" label="Name" autoComplete="name" error={errors.name} required />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email}
        required
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`}
        error={errors.password}
        required
      />
      <FormAlert message={alert} />
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating account…" />
      <p className="text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          href={`/login?next=${encodeURIComponent(next)}`}
          className="text-indigo-700 underline"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
