"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { getAuthClient } from "@/lib/auth-client";
import { signInErrorMessage } from "./auth-error-message";
import { type FieldErrors, fieldErrors, type LoginInput, LoginSchema } from "./credentials-schema";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

/** `next` is already checked by safeNextPath on the server. */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors<LoginInput>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = LoginSchema.safeParse({
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
    const { error } = await getAuthClient().signIn.email(parsed.data);
    if (error) {
      setPending(false);
      setAlert(signInErrorMessage(error));
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
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
        autoComplete="current-password"
        error={errors.password}
        required
      />
      <FormAlert message={alert} />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
      <p className="text-sm text-slate-600">
        No account yet?{" "}
        <Link
          href={`/register?next=${encodeURIComponent(next)}`}
          className="text-indigo-700 underline"
        >
          Create one
        </Link>
      </p>
    </form>
  );
}
