import type { FieldError } from "@taskgate/contracts/problem";
import { z } from "zod";
import { AppError } from "./app-error.js";

// What Fastify throws when a route schema refuses a request part. The zod type
// provider fills `validation` with one entry per zod issue; parsed, not cast,
// because it is the only contract we have with two libraries' internals.
const ValidationErrorSchema = z.object({
  validation: z
    .array(
      z.object({
        instancePath: z.string(),
        message: z.string().optional(),
        params: z
          .object({ keys: z.array(z.string()).optional() })
          .loose()
          .optional(),
      }),
    )
    .min(1),
  validationContext: z.string().optional(),
});

// "/title" → "title", "/items/0/x" → "items.0.x", "" (the whole part) → "".
const toPath = (instancePath: string) => instancePath.replace(/^\//, "").replaceAll("/", ".");

function fieldErrors(
  validation: z.infer<typeof ValidationErrorSchema>["validation"],
): FieldError[] {
  return validation.flatMap((issue) => {
    const keys = issue.params?.keys;
    // A strict object names the unknown keys in params, not in the path: point at each field.
    if (keys && keys.length > 0) {
      const prefix = toPath(issue.instancePath);
      return keys.map((key) => ({
        path: prefix ? `${prefix}.${key}` : key,
        message: `Unknown field "${key}"`,
      }));
    }
    return [{ path: toPath(issue.instancePath), message: issue.message ?? "Invalid value" }];
  });
}

/**
 * A schema refusal as the contract wants it: a JSON body that breaks the schema
 * is 422 VALIDATION_FAILED; a bad query, path or header is 400 BAD_REQUEST.
 * Returns undefined for anything that is not a validation error.
 */
export function fromValidationError(error: unknown): AppError | undefined {
  const parsed = ValidationErrorSchema.safeParse(error);
  if (!parsed.success) return undefined;
  const errors = fieldErrors(parsed.data.validation);
  const context = parsed.data.validationContext ?? "request";
  if (context === "body") {
    return new AppError(422, "VALIDATION_FAILED", "The request body does not match the schema", {
      errors,
    });
  }
  return new AppError(400, "BAD_REQUEST", `The ${context} is not valid`, { errors });
}
