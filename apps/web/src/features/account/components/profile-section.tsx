"use client";

import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { PendingButton } from "@/components/pending-button";
import { ValidatedForm } from "@/components/validated-form";
import { authClient } from "@/lib/auth-client";
import { toast } from "@/lib/toast";
import { profileFailure } from "../account-errors";
import { useAccountForm } from "../use-account-form";
import { AccountSection } from "./account-section";

/** The user's name (changeable) and email (shown only: Better Auth does not change it here). */
export function ProfileSection({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const { errors, alert, pending, onSubmit, prefetch, revalidate } = useAccountForm({
    loadSchema: () => import("../account-schemas").then((schemas) => schemas.ProfileSchema),
    submit: async (input, form) => {
      const result = await authClient.updateUser({ name: input.name });
      if (!result.ok) return profileFailure(result.error);
      // Show what was saved: the trimmed name.
      const field = form.elements.namedItem("name");
      if (field instanceof HTMLInputElement) field.value = input.name;
      toast.success("Name updated");
      // The server-rendered parts of the page read the session again.
      router.refresh();
      return null;
    },
  });

  return (
    <AccountSection id="profile" title="Profile">
      <p className="text-sm text-slate-700">
        Signed in as{" "}
        <span className="font-medium text-slate-900" data-testid="account-email">
          {email}
        </span>
      </p>
      <ValidatedForm label="Profile" onSubmit={onSubmit} prefetch={prefetch} onChange={revalidate}>
        <FormField
          name="name"
          label="Name"
          autoComplete="name"
          defaultValue={name}
          maxLength={200}
          error={errors.name}
          required
        />
        <FormAlert message={alert} />
        <div>
          <PendingButton type="submit" pending={pending} label="Save name" pendingLabel="Saving…" />
        </div>
      </ValidatedForm>
    </AccountSection>
  );
}
