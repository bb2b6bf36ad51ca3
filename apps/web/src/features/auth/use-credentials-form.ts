"use client";

import { type FormEvent, useRef, useState } from "react";
import type * as z from "zod/mini";
import { type AuthFailure, type AuthOutcome, loadAuthClient } from "@/lib/auth-client";
import { fieldErrors, keepUnfixed } from "../../lib/form/field-errors";
import { announceSignIn } from "./announce-auth-change";
import { afterSignInPath } from "./safe-next-path";
import { useSignedInElsewhere } from "./use-signed-in-elsewhere";

const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * The submit cycle both sign-in and sign-up share: validate with the form's
 * zod schema, call Better Auth, show its error or go to `next`. Also goes to
 * `next` when another tab signs in first (useSignedInElsewhere).
 */
export function useCredentialsForm<Input extends Record<string, unknown>>(options: {
  /**
   * The form's zod schema, imported when the form is first focused or
   * submitted: zod is not part of the page's first-load JavaScript.
   */
  loadSchema: () => Promise<z.ZodMiniType<Input>>;
  fields: readonly (keyof Input & string)[];
  submit: (input: Input) => Promise<AuthOutcome<unknown>>;
  errorMessage: (error: AuthFailure) => string;
  next: string;
}) {
  useSignedInElsewhere(options.next);
  // Keyed by field name; a field without an entry has no error.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Set from the first await on, so a second submit cannot start a second request.
  const busy = useRef(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    try {
      await validateAndSubmit(new FormData(event.currentTarget));
    } finally {
      busy.current = false;
    }
  }

  async function validateAndSubmit(form: FormData) {
    // Failing to load the schema means no connection: say so as a failed request would.
    const schema = await options.loadSchema().catch(() => null);
    if (!schema) {
      setAlert(options.errorMessage({ status: 0 }));
      return;
    }
    const parsed = schema.safeParse(
      Object.fromEntries(options.fields.map((field) => [field, form.get(field)])),
    );
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setAlert(CHECK_FIELDS);
      return;
    }
    setErrors({});
    setAlert(null);
    setPending(true);
    const result = await options.submit(parsed.data);
    if (!result.ok) {
      setPending(false);
      setAlert(options.errorMessage(result.error));
      return;
    }
    // Other tabs showing /login or /register follow when next looked at.
    announceSignIn();
    // A full load, like sign-out's: the server renders `next` with the new
    // session cookie. A client-side replace plus refresh could race and show a
    // router-cached render of a page from before the sign-in. Checked again
    // here: the form must never navigate off our origin, whatever it was given.
    window.location.replace(afterSignInPath(options.next));
  }

  /** For the form's onChange: once submitted, a field's error clears as soon as it is valid. */
  async function revalidate(event: FormEvent<HTMLFormElement>) {
    if (Object.keys(errors).length === 0) return;
    const form = new FormData(event.currentTarget);
    const schema = await options.loadSchema().catch(() => null);
    if (!schema) return;
    const parsed = schema.safeParse(
      Object.fromEntries(options.fields.map((field) => [field, form.get(field)])),
    );
    const now = parsed.success ? {} : fieldErrors(parsed.error);
    setErrors((shown) => keepUnfixed(shown, now));
    if (parsed.success) setAlert((shown) => (shown === CHECK_FIELDS ? null : shown));
  }

  /** For the form's onFocus: starts loading the schema and the auth client before the user submits. */
  function prefetch() {
    options.loadSchema().catch(() => undefined);
    loadAuthClient().catch(() => undefined);
  }

  return { errors, alert, pending, onSubmit, prefetch, revalidate };
}
