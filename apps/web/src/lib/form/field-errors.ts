import type * as z from "zod/mini";

/** The first message per field, for showing next to each input. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/**
 * After a submit, as the person types: the errors shown before, minus those
 * the field no longer has. A field that was fine is not flagged while typing.
 */
export function keepUnfixed(
  shown: Record<string, string>,
  now: Record<string, string>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [field, message] of Object.entries(shown)) {
    if (now[field]) kept[field] = now[field] ?? message;
  }
  return kept;
}
