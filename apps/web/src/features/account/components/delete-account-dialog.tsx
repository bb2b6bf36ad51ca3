"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { authClient } from "@/lib/auth-client";
import { announceSignOut } from "../../auth/announce-auth-change";
import { forgetSessionInTab } from "../../auth/forget-session-in-tab";
import { FormAlert } from "../../auth/form-alert";
import { FormField } from "../../auth/form-field";
import { deleteAccountFailure } from "../account-errors";
import { useAccountForm } from "../use-account-form";

type DeleteAccountDialogProps = { open: boolean; onClose: () => void };

/**
 * A modal confirmation built on <dialog> (the browser traps focus and closes
 * on Escape) that asks for the password: a session alone never deletes the
 * account.
 */
export function DeleteAccountDialog({ open, onClose }: DeleteAccountDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();
  const queryClient = useQueryClient();
  const { errors, alert, pending, onSubmit, prefetch, reset } = useAccountForm({
    loadSchema: () => import("../account-schemas").then((schemas) => schemas.DeleteAccountSchema),
    submit: async ({ password }) => {
      const result = await authClient.deleteUser({ password });
      if (!result.ok) return deleteAccountFailure(result.error);
      // The account and all its sessions are gone: the other tabs leave too.
      announceSignOut();
      await forgetSessionInTab(queryClient);
      window.location.replace("/");
      return null;
    },
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function close() {
    if (pending) return;
    reset();
    onClose();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      // Escape: let React's state close it, so `open` stays the one truth.
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        Delete your account?
      </h2>
      <p id={bodyId} className="mt-2 text-sm text-slate-700">
        Your account, your tasks and every session are deleted for good. This cannot be undone.
      </p>
      {open ? (
        <form
          onSubmit={onSubmit}
          onFocus={prefetch}
          noValidate
          aria-label="Confirm account deletion"
          className="mt-4 flex flex-col gap-4"
        >
          <FormField
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={errors.password}
            required
          />
          <FormAlert message={alert} />
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={close}
              disabled={pending}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={pending}
              aria-busy={pending}
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60"
            >
              {pending ? "Deleting…" : "Delete my account"}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
