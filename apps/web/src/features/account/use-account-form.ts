"use client";

import type * as z from "zod/mini";
import { schemaCheck } from "@/lib/form/schema-check";
import type { LEAVING } from "@/lib/form/submit-cycle";
import { useFormSubmit } from "@/lib/form/use-form-submit";
import { redirectToSignIn } from "@/lib/redirect-to-sign-in";
import { type FormFailure, NO_CONNECTION } from "./account-errors";

/**
 * The account forms: the shared submit cycle (useFormSubmit), plus leaving for
 * the sign-in page when a request finds the session gone.
 */
export function useAccountForm<Input>(options: {
  /**
   * The form's zod schema, imported when the form is first focused or
   * submitted: zod is not part of the page's first-load JavaScript.
   */
  loadSchema: () => Promise<z.ZodMiniType<Input>>;
  /** Null on success; LEAVING when it navigates away itself. */
  submit: (input: Input, form: HTMLFormElement) => Promise<FormFailure | null | typeof LEAVING>;
}) {
  return useFormSubmit<Input>({
    check: schemaCheck(options.loadSchema),
    unreachable: NO_CONNECTION,
    prefetch: () => {
      options.loadSchema().catch(() => undefined);
    },
    submit: async (input, form) => {
      const outcome = await options.submit(input, form);
      if (typeof outcome === "object" && outcome?.sessionEnded) redirectToSignIn();
      return outcome;
    },
  });
}
