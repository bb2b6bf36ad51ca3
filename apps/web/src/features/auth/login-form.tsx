"use client";

import Link from "next/link";
import { authClient } from "@/lib/auth-client";
import { signInErrorMessage } from "./auth-error-message";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { useCredentialsForm } from "./use-credentials-form";
import { useSignedInElsewhere } from "./use-signed-in-elsewhere";

/** `next` is already checked by safeNextPath on the server. */
export function LoginForm({ next }: { next: string }) {
  const { errors, alert, pending, onSubmit, prefetch } = useCredentialsForm({
    loadSchema: () => import("./credentials-schema").then((schemas) => schemas.LoginSchema),
    fields: ["email", "password"],
    submit: (input) => authClient.signIn.email(input),
    errorMessage: signInErrorMessage,
    next,
  });

  useSignedInElsewhere(next);

  return (
    <form
      onSubmit={onSubmit}
      onFocus={prefetch}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Sign in"
    >
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
