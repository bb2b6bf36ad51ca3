// The submit cycle every form shares, without React: check the values, send
// them, show what failed, and as the person corrects a field, clear its error
// once it is valid. useFormSubmit (./use-form-submit) holds one per form.

import { keepUnfixed } from "./field-errors";

export type FieldErrors = Record<string, string>;

/** What a form shows: messages at fields, one for the whole form, and whether it is sending. */
export type FormState = { errors: FieldErrors; alert: string | null; pending: boolean };

/** A failed check or request: messages at fields and one for the whole form. */
export type FormFailure = { fields: FieldErrors; alert: string | null };

/** The check's verdict: the input to send, or a message per field that is wrong. */
export type Checked<Input> = { ok: true; input: Input } | { ok: false; fields: FieldErrors };

/** `submit` resolves to this when the page is leaving: the form stays pending, never sent twice. */
export const LEAVING = "leaving";

export type SubmitCycleOptions<Values, Input> = {
  /** Rejects only when the check itself cannot load (no connection). */
  check: (values: Values) => Promise<Checked<Input>>;
  /** Null when done; a failure to show; LEAVING when the page navigates away. */
  submit: (input: Input) => Promise<FormFailure | null | typeof LEAVING>;
  /** The alert when the check cannot load. */
  unreachable: string;
};

export const CHECK_FIELDS = "Check the highlighted fields.";

export const IDLE: FormState = { errors: {}, alert: null, pending: false };

export type SubmitCycle<Values, Input> = {
  /** Resolves to the failure it showed, if any (the caller focuses its first field). */
  submit: (
    values: Values,
    options: SubmitCycleOptions<Values, Input>,
  ) => Promise<FormFailure | null>;
  revalidate: (values: Values, options: SubmitCycleOptions<Values, Input>) => Promise<void>;
  /** Clears what the last submit left, e.g. when a dialog closes. */
  reset: () => void;
};

/** A form's cycle; every change of what the form shows goes through `show`. */
export function createSubmitCycle<Values, Input>(
  show: (state: FormState) => void,
): SubmitCycle<Values, Input> {
  let state = IDLE;
  // Set from the first await on, so a second submit cannot send twice.
  let busy = false;
  const update = (next: FormState) => {
    state = next;
    show(next);
  };
  const fail = (failure: FormFailure) => {
    update({ errors: failure.fields, alert: failure.alert, pending: false });
    return failure;
  };

  async function send(values: Values, options: SubmitCycleOptions<Values, Input>) {
    const checked = await options.check(values).catch(() => null);
    if (!checked) return fail({ fields: {}, alert: options.unreachable });
    if (!checked.ok) return fail({ fields: checked.fields, alert: CHECK_FIELDS });
    update({ errors: {}, alert: null, pending: true });
    let outcome: Awaited<ReturnType<typeof options.submit>>;
    try {
      outcome = await options.submit(checked.input);
    } catch (error) {
      update(IDLE);
      throw error;
    }
    if (outcome === LEAVING) return null;
    if (outcome) return fail(outcome);
    update(IDLE);
    return null;
  }

  return {
    async submit(values, options) {
      if (busy) return null;
      busy = true;
      let left = false;
      try {
        const failure = await send(values, options);
        left = failure === null && state.pending;
        return failure;
      } finally {
        // A page on its way out keeps its form closed.
        if (!left) busy = false;
      }
    },

    async revalidate(values, options) {
      if (Object.keys(state.errors).length === 0) return;
      const checked = await options.check(values).catch(() => null);
      if (!checked) return;
      const now = checked.ok ? {} : checked.fields;
      const errors = keepUnfixed(state.errors, now);
      const alert = checked.ok && state.alert === CHECK_FIELDS ? null : state.alert;
      update({ ...state, errors, alert });
    },

    reset() {
      update({ ...state, errors: {}, alert: null });
    },
  };
}
