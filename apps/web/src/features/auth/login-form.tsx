"use client";

import { FormAlert } from "@/components/form-alert";
import { PasswordField } from "@/components/password-field";
import { PendingButton } from "@/components/pending-button";
import { ValidatedForm } from "@/components/validated-form";
import { authClient } from "@/lib/auth-client";
import { signInErrorMessage } from "./auth-error-message";
import { EmailField } from "./email-field";
import { SwitchFormLink } from "./switch-form-link";
import { useCredentialsForm } from "./use-credentials-form";

/** `next` is checked by safeNextPath on the server, and again before the form navigates. */
export function LoginForm({ next }: { next: string }) {
  const { errors, alert, pending, onSubmit, prefetch, revalidate } = useCredentialsForm({
    loadSchema: () => import("./credentials-schema").then((schemas) => schemas.LoginSchema),
    submit: (input) => authClient.signIn.email(input),
    errorMessage: signInErrorMessage,
    next,
  });

  return (
    <ValidatedForm label="Sign in" onSubmit={onSubmit} prefetch={prefetch} onChange={revalidate}>
      <EmailField error={errors.email} />
      <PasswordField purpose="current" error={errors.password} />
      <FormAlert message={alert} />
      <PendingButton type="submit" pending={pending} label="Sign in" pendingLabel="Signing in…" />
      <SwitchFormLink question="No account yet?" link="Create one" path="/register" next={next} />
    </ValidatedForm>
  );
}
