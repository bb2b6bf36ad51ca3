import type { FastifyInstance, preValidationAsyncHookHandler } from "fastify";
import { AppError } from "../http/app-error.js";

const isJsonObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * preValidation hook: the body must be a JSON object. A missing body, `null`,
 * an array or a bare value is a malformed request (400), not a schema failure
 * (422): there is no field to point at.
 */
export function requireObjectBody(options: { optional: boolean }): preValidationAsyncHookHandler {
  return async (request) => {
    if (request.body === undefined && options.optional) return;
    if (isJsonObject(request.body)) return;
    throw new AppError(
      400,
      "BAD_REQUEST",
      request.body === undefined
        ? "A JSON object body is required"
        : "The request body must be a JSON object",
    );
  };
}

/**
 * For routes where "no body" means something (PATCH …/complete toggles): an
 * empty body sent as application/json counts as no body instead of Fastify's
 * 400, as some clients always send the header. Call inside that route's own
 * encapsulated plugin so every other route keeps the strict default.
 */
export function allowEmptyJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // parseAs "string" hands us a string; the union type comes from the Buffer mode.
    const text = body.toString();
    if (text === "") {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
