"use client";

import Link from "next/link";
import { authClient } from "@/lib/auth-client";
import { signUpErrorMessage } from "./auth-error-message";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./credential-rules";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { useCredentialsForm } from "./use-credentials-form";
import { useSignedInElsewhere } from "./use-signed-in-elsewhere";

/** `next` is already checked by safeNextPath on the server. */
export function RegisterForm({ next }: { next: string }) {
  const { errors, alert, pending, onSubmit, prefetch } = useCredentialsForm({
    loadSchema: () => import("./credentials-schema").then((schemas) => schemas.RegisterSchema),
    fields: ["name", "email", "password"],
    submit: (input) => authClient.signUp.email(input),
    errorMessage: signUpErrorMessage,
    next,
  });

  useSignedInElsewhere(next);

  return (
    <form
      onSubmit={onSubmit}
      onFocus={prefetch}
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
