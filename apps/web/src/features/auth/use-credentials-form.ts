"use client";

import type * as z from "zod/mini";
import { type AuthFailure, type AuthOutcome, loadAuthClient } from "@/lib/auth-client";
import { schemaCheck } from "@/lib/form/schema-check";
import { LEAVING } from "@/lib/form/submit-cycle";
import { useFormSubmit } from "@/lib/form/use-form-submit";
import { announceSignIn } from "./announce-auth-change";
import { afterSignInPath } from "./safe-next-path";
import { useSignedInElsewhere } from "./use-signed-in-elsewhere";

/**
 * Sign-in and sign-up: the shared submit cycle (useFormSubmit) that calls
 * Better Auth, shows its error, or goes to `next`. Also goes to `next` when
 * another tab signs in first (useSignedInElsewhere).
 */
export function useCredentialsForm<Input>(options: {
  /**
   * The form's zod schema, imported when the form is first focused or
   * submitted: zod is not part of the page's first-load JavaScript.
   */
  loadSchema: () => Promise<z.ZodMiniType<Input>>;
  submit: (input: Input) => Promise<AuthOutcome<unknown>>;
  errorMessage: (error: AuthFailure) => string;
  next: string;
}) {
  useSignedInElsewhere(options.next);
  return useFormSubmit<Input>({
    check: schemaCheck(options.loadSchema),
    // Failing to load the schema means no connection: said as a failed request would.
    unreachable: options.errorMessage({ status: 0 }),
    prefetch: () => {
      options.loadSchema().catch(() => undefined);
      loadAuthClient().catch(() => undefined);
    },
    submit: async (input) => {
      const result = await options.submit(input);
      if (!result.ok) return { fields: {}, alert: options.errorMessage(result.error) };
      // Other tabs showing /login or /register follow when next looked at.
      announceSignIn();
      // A full load, like sign-out's: the server renders `next` with the new
      // session cookie. A client-side replace plus refresh could race and show
      // a router-cached render of a page from before the sign-in. Checked
      // again here: the form must never navigate off our origin, whatever it
      // was given.
      window.location.replace(afterSignInPath(options.next));
      return LEAVING;
    },
  });
}
