"use client";

import { useQueryClient } from "@tanstack/react-query";
import { FormAlert } from "@/components/form-alert";
import { PasswordField } from "@/components/password-field";
import { PendingButton } from "@/components/pending-button";
import { ValidatedForm } from "@/components/validated-form";
import { getTokenProvider } from "@/lib/api-token";
import { authClient } from "@/lib/auth-client";
import { toast } from "@/lib/toast";
import { NewPasswordField } from "../../auth/new-password-field";
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
  const { errors, alert, pending, onSubmit, prefetch, revalidate } = useAccountForm({
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
      <ValidatedForm
        label="Change password"
        onSubmit={onSubmit}
        prefetch={prefetch}
        onChange={revalidate}
      >
        <PasswordField
          name="currentPassword"
          label="Current password"
          purpose="current"
          error={errors.currentPassword}
        />
        <NewPasswordField name="newPassword" label="New password" error={errors.newPassword} />
        <PasswordField
          name="confirmPassword"
          label="Confirm new password"
          purpose="new"
          error={errors.confirmPassword}
        />
        <FormAlert message={alert} />
        <div>
          <PendingButton
            type="submit"
            pending={pending}
            label="Change password"
            pendingLabel="Changing password…"
          />
        </div>
      </ValidatedForm>
    </AccountSection>
  );
}
