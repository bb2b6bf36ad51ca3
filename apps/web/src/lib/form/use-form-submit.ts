"use client";

import { type FormEvent, useState } from "react";
import {
  createSubmitCycle,
  type FieldErrors,
  type FormFailure,
  IDLE,
  type LEAVING,
  type SubmitCycleOptions,
} from "./submit-cycle";

/** A form's values as FormData has them, by field name. */
export type FormValues = Record<string, FormDataEntryValue>;

export type FormSubmitOptions<Input> = Omit<SubmitCycleOptions<FormValues, Input>, "submit"> & {
  submit: (input: Input, form: HTMLFormElement) => Promise<FormFailure | null | typeof LEAVING>;
  /** Starts loading what a submit needs when the form first gets focus. */
  prefetch?: () => void;
};

/**
 * The submit cycle of every form (./submit-cycle), wired to a <form>: its
 * values are read from the form's named fields, and after a failure the
 * first field with an error gets focus.
 */
export function useFormSubmit<Input>(options: FormSubmitOptions<Input>) {
  const [state, setState] = useState(IDLE);
  const [cycle] = useState(() => createSubmitCycle<FormValues, Input>(setState));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const failure = await cycle.submit(valuesOf(form), {
      ...options,
      submit: (input) => options.submit(input, form),
    });
    if (failure) focusFirst(form, failure.fields);
  }

  /** For the form's onChange: once submitted, a field's error clears as soon as it is valid. */
  function revalidate(event: FormEvent<HTMLFormElement>) {
    const values = valuesOf(event.currentTarget);
    cycle.revalidate(values, { ...options, submit: async () => null }).catch(() => undefined);
  }

  function prefetch() {
    options.prefetch?.();
  }

  return { ...state, onSubmit, revalidate, prefetch, reset: cycle.reset };
}

function valuesOf(form: HTMLFormElement): FormValues {
  return Object.fromEntries(new FormData(form));
}

function focusFirst(form: HTMLFormElement, fields: FieldErrors) {
  const first = Object.keys(fields)[0];
  const field = first ? form.elements.namedItem(first) : null;
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.focus();
}
