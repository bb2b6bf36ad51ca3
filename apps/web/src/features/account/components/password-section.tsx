"use client";

import { useQueryClient } from "@tanstack/react-query";
import { getTokenProvider } from "@/lib/api-token";
import { authClient } from "@/lib/auth-client";
import { toast } from "@/lib/toast";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../auth/credential-rules";
import { FormAlert } from "../../auth/form-alert";
import { FormField } from "../../auth/form-field";
import { SubmitButton } from "../../auth/submit-button";
import { changePasswordFailure } from "../account-errors";
import { sessionKeys } from "../session-query-keys";
import { useAccountForm } from "../use-account-form";
import { AccountSection } from "./account-section";

/**
 * Changes the password and signs every other device out. This device stays
 * signed in: Better Auth replaces its session (and cookie) with a new one.
 */
export function PasswordSection() {
  const queryClient = useQueryClient();
  const { errors, alert, pending, onSubmit, prefetch } = useAccountForm({
    loadSchema: () => import("../account-schemas").then((schemas) => schemas.ChangePasswordSchema),
    submit: async (input, form) => {
      const result = await authClient.changePassword({
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
        revokeOtherSessions: true,
      });
      if (!result.ok) return changePasswordFailure(result.error);
      form.reset();
      // The api token names the session that was just replaced.
      getTokenProvider().clear();
      await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      toast.success("Password changed", {
        description: "Your other devices were signed out. This one stays signed in.",
      });
      return null;
    },
  });

  return (
    <AccountSection
      id="password"
      title="Password"
      description="Changing your password signs you out on every other device."
    >
      <form
        onSubmit={onSubmit}
        onFocus={prefetch}
        noValidate
        aria-label="Change password"
        className="flex flex-col gap-4"
      >
        <FormField
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword}
          required
        />
        <FormField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`}
          error={errors.newPassword}
          required
        />
        <FormField
          name="confirmPassword"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword}
          required
        />
        <FormAlert message={alert} />
        <div>
          <SubmitButton
            pending={pending}
            label="Change password"
            pendingLabel="Changing password…"
          />
        </div>
      </form>
    </AccountSection>
  );
}
