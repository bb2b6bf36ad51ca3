"use client";

import { useRouter } from "next/navigation";
import { authClient } from "@/lib/auth-client";
import { toast } from "@/lib/toast";
import { FormAlert } from "../../auth/form-alert";
import { FormField } from "../../auth/form-field";
import { SubmitButton } from "../../auth/submit-button";
import { profileFailure } from "../account-errors";
import { useAccountForm } from "../use-account-form";
import { AccountSection } from "./account-section";

/** The user's name (changeable) and email (shown only: Better Auth does not change it here). */
export function ProfileSection({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const { errors, alert, pending, onSubmit, prefetch } = useAccountForm({
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
      <form
        onSubmit={onSubmit}
        onFocus={prefetch}
        noValidate
        aria-label="Profile"
        className="flex flex-col gap-4"
      >
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
          <SubmitButton pending={pending} label="Save name" pendingLabel="Saving…" />
        </div>
      </form>
    </AccountSection>
  );
}
