"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ConfirmDialogButtons } from "@/components/confirm-dialog-buttons";
import { FormAlert } from "@/components/form-alert";
import { PasswordField } from "@/components/password-field";
import { ValidatedForm } from "@/components/validated-form";
import { authClient } from "@/lib/auth-client";
import { LEAVING } from "@/lib/form/submit-cycle";
import { leaveWithoutReturn } from "@/lib/redirect-to-sign-in";
import { announceSignOut } from "../../auth/announce-auth-change";
import { forgetSessionInTab } from "../../auth/forget-session-in-tab";
import { deleteAccountFailure } from "../account-errors";
import { useAccountForm } from "../use-account-form";

type DeleteAccountDialogProps = { open: boolean; onClose: () => void };

/**
 * A modal confirmation that asks for the password (opening it focuses that
 * field): a session alone never deletes the account.
 */
export function DeleteAccountDialog({ open, onClose }: DeleteAccountDialogProps) {
  const queryClient = useQueryClient();
  const { errors, alert, pending, onSubmit, prefetch, reset } = useAccountForm({
    loadSchema: () =>
      import("@/lib/account-rules/schemas").then((schemas) => schemas.DeleteAccountSchema),
    submit: async ({ password }) => {
      const result = await authClient.deleteUser({ password });
      if (!result.ok) return deleteAccountFailure(result.error);
      // The account and all its sessions are gone: this tab leaves for the
      // sign-in page, which confirms the deletion (no 401 meanwhile may send
      // it elsewhere); the others follow the sign-out broadcast.
      leaveWithoutReturn();
      announceSignOut();
      await forgetSessionInTab(queryClient);
      window.location.replace("/login?reason=account-deleted");
      return LEAVING;
    },
  });

  function close() {
    if (pending) return;
    reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={open}
      title="Delete your account?"
      description="Your account, your tasks and every session are deleted for good. This cannot be undone."
      onCancel={close}
      width="md"
    >
      {/* Rendered only while open, so a closed dialog keeps no typed password. */}
      {open ? (
        <ValidatedForm
          label="Confirm account deletion"
          onSubmit={onSubmit}
          prefetch={prefetch}
          className="mt-4 flex flex-col gap-4"
        >
          <PasswordField purpose="current" error={errors.password} />
          <FormAlert message={alert} />
          <ConfirmDialogButtons
            onCancel={close}
            cancelDisabled={pending}
            pending={pending}
            confirmLabel="Delete my account"
            pendingLabel="Deleting…"
          />
        </ValidatedForm>
      ) : null}
    </ConfirmDialog>
  );
}
