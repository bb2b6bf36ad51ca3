"use client";

import { type FormEvent, useRef, useState } from "react";
import type * as z from "zod/mini";
import { redirectToSignIn } from "@/lib/redirect-to-sign-in";
import { fieldErrors, keepUnfixed } from "../../lib/form/field-errors";
import { type FormFailure, NO_CONNECTION } from "./account-errors";

const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * The submit cycle of the account forms: validate the form's fields with its
 * zod schema, send, and show a failure at its fields (focusing the first) or
 * in the form's alert. `submit` resolves to null on success.
 */
export function useAccountForm<Input>(options: {
  /**
   * The form's zod schema, imported when the form is first focused or
   * submitted: zod is not part of the page's first-load JavaScript.
   */
  loadSchema: () => Promise<z.ZodMiniType<Input>>;
  submit: (input: Input, form: HTMLFormElement) => Promise<FormFailure | null>;
}) {
  // Keyed by field name; a field without an entry has no error.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Set from the first await on, so a second submit cannot send twice.
  const busy = useRef(false);

  function fail(form: HTMLFormElement, failure: FormFailure) {
    if (failure.sessionEnded) redirectToSignIn();
    setErrors(failure.fields);
    setAlert(failure.alert);
    const first = Object.keys(failure.fields)[0];
    const field = first ? form.elements.namedItem(first) : null;
    if (field instanceof HTMLInputElement) field.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    try {
      await validateAndSubmit(event.currentTarget);
    } finally {
      busy.current = false;
    }
  }

  async function validateAndSubmit(form: HTMLFormElement) {
    const values = Object.fromEntries(new FormData(form));
    // Failing to load the schema means no connection: say so as a failed request would.
    const schema = await options.loadSchema().catch(() => null);
    if (!schema) {
      fail(form, { fields: {}, alert: NO_CONNECTION });
      return;
    }
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      fail(form, { fields: fieldErrors(parsed.error), alert: CHECK_FIELDS });
      return;
    }
    setErrors({});
    setAlert(null);
    setPending(true);
    try {
      const failure = await options.submit(parsed.data, form);
      if (failure) fail(form, failure);
    } finally {
      setPending(false);
    }
  }

  /** Clears what the last submit left, e.g. when a dialog is closed. */
  function reset() {
    setErrors({});
    setAlert(null);
  }

  /** For the form's onChange: once submitted, a field's error clears as soon as it is valid. */
  async function revalidate(event: FormEvent<HTMLFormElement>) {
    if (Object.keys(errors).length === 0) return;
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const schema = await options.loadSchema().catch(() => null);
    if (!schema) return;
    const parsed = schema.safeParse(values);
    const now = parsed.success ? {} : fieldErrors(parsed.error);
    setErrors((shown) => keepUnfixed(shown, now));
    if (parsed.success) setAlert((shown) => (shown === CHECK_FIELDS ? null : shown));
  }

  /** For the form's onFocus: starts loading the schema before the user submits. */
  function prefetch() {
    options.loadSchema().catch(() => undefined);
  }

  return { errors, alert, pending, onSubmit, prefetch, reset, revalidate };
}
