"use client";

import Link from "next/link";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { PendingButton } from "@/components/pending-button";
import { ValidatedForm } from "@/components/validated-form";
import { authClient } from "@/lib/auth-client";
import { ACCOUNT_EXISTS, signUpErrorMessage } from "./auth-error-message";
import { EmailField } from "./email-field";
import { NewPasswordField } from "./new-password-field";
import { SwitchFormLink } from "./switch-form-link";
import { useCredentialsForm } from "./use-credentials-form";

/** `next` is checked by safeNextPath on the server, and again before the form navigates. */
export function RegisterForm({ next }: { next: string }) {
  const { errors, alert, pending, onSubmit, prefetch, revalidate } = useCredentialsForm({
    loadSchema: () => import("./credentials-schema").then((schemas) => schemas.RegisterSchema),
    submit: (input) => authClient.signUp.email(input),
    errorMessage: signUpErrorMessage,
    next,
  });

  return (
    <ValidatedForm
      label="Create account"
      onSubmit={onSubmit}
      prefetch={prefetch}
      onChange={revalidate}
    >
      <FormField name="name" label="Name" autoComplete="name" error={errors.name} required />
      <EmailField error={errors.email} />
      <NewPasswordField error={errors.password} />
      <FormAlert message={alert} />
      {alert === ACCOUNT_EXISTS ? (
        <p className="-mt-2 text-sm">
          <Link
            href={`/login?next=${encodeURIComponent(next)}`}
            className="font-medium text-indigo-700 underline"
          >
            Sign in instead
          </Link>
        </p>
      ) : null}
      <PendingButton
        type="submit"
        pending={pending}
        label="Create account"
        pendingLabel="Creating account…"
      />
      <SwitchFormLink
        question="Already have an account?"
        link="Sign in"
        path="/login"
        next={next}
      />
    </ValidatedForm>
  );
}
