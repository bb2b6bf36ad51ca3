import type * as z from "zod/mini";
import { fieldErrors } from "./field-errors";
import type { Checked } from "./submit-cycle";

/**
 * A form's check from its zod schema, loaded on first use so zod stays out of
 * the page's first-load JavaScript. Rejects when the schema cannot load.
 */
export function schemaCheck<Input>(loadSchema: () => Promise<z.ZodMiniType<Input>>) {
  return async (values: unknown): Promise<Checked<Input>> => {
    const parsed = (await loadSchema()).safeParse(values);
    return parsed.success
      ? { ok: true, input: parsed.data }
      : { ok: false, fields: fieldErrors(parsed.error) };
  };
}
