"use client";

import { useState } from "react";
import { AccountSection } from "./account-section";
import { DeleteAccountDialog } from "./delete-account-dialog";

/** Deleting the account, behind a confirmation that asks for the password. */
export function DangerZoneSection() {
  const [open, setOpen] = useState(false);
  return (
    <AccountSection
      id="danger-zone"
      title="Delete account"
      description="Deletes your account and its tasks, and signs you out everywhere."
      danger
    >
      <div>
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-haspopup="dialog"
          className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500"
        >
          Delete account…
        </button>
      </div>
      <DeleteAccountDialog open={open} onClose={() => setOpen(false)} />
    </AccountSection>
  );
}
