import { STATUS_CODES } from "node:http";
import type { Problem } from "@taskgate/contracts/problem";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { AppError } from "./app-error.js";
import { fromValidationError } from "./validation-error.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";
const DATABASE_RETRY_AFTER_SECONDS = "2";

// Fastify's own request errors, translated to stable codes with generic details.
const FASTIFY_ERRORS: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new AppError(413, "PAYLOAD_TOO_LARGE", "The request body is larger than 64 KiB"),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "The request body must be application/json"),
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new AppError(400, "BAD_REQUEST", "The request body is not valid JSON"),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AppError(400, "BAD_REQUEST", "The request body is empty but declared as JSON"),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new AppError(400, "BAD_REQUEST", "The Content-Length header does not match the body"),
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

function statusCode(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("statusCode" in error)) return undefined;
  return typeof error.statusCode === "number" ? error.statusCode : undefined;
}

/** Maps anything thrown to an AppError; the second value says whether it was expected. */
function toAppError(error: unknown): [AppError, boolean] {
  if (error instanceof AppError) return [error, true];
  const invalid = fromValidationError(error);
  if (invalid) return [invalid, true];
  const code = errorCode(error) ?? "";
  // The connection closed while the body was being read (the client left, or
  // the request timeout closed it, already logged as http.client_error):
  // nobody to answer and nothing unexpected to log.
  if (code === "ECONNRESET") {
    return [new AppError(400, "BAD_REQUEST", "The request was aborted"), true];
  }
  const known = FASTIFY_ERRORS[code];
  if (known) return [known(), true];
  // Logged (not expected), but answered 503: a busy, locked or lost database is
  // an outage the client should wait out, never a 500 with internals.
  if (isDatabaseUnavailable(error)) {
    const down = new AppError(
      503,
      "SERVICE_UNAVAILABLE",
      "The database is unavailable, try again",
      {
        headers: { "retry-after": DATABASE_RETRY_AFTER_SECONDS },
      },
    );
    return [down, false];
  }
  // PostgreSQL text cannot hold U+0000 (SQLSTATE 22021; SQLite stores it): the
  // value is the client's, so it is a 422 at that value, never a 500.
  if (code === "22021") {
    const detail = "Text must not contain the NUL character (U+0000)";
    return [
      new AppError(422, "VALIDATION_FAILED", detail, { errors: [{ path: "", message: detail }] }),
      true,
    ];
  }
  const status = statusCode(error);
  // Other client errors Fastify raises itself (bad URL, bad header...): 4xx with a generic body.
  if (code.startsWith("FST_") && status !== undefined && status >= 400 && status < 500) {
    return [new AppError(status, "BAD_REQUEST", "The request is malformed"), true];
  }
  return [new AppError(500, "INTERNAL", "Internal server error"), false];
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  const body: Problem = {
    type: "about:blank",
    title: STATUS_CODES[error.status] ?? "Error",
    status: error.status,
    detail: error.detail,
    code: error.code,
    request_id: request.id,
    ...(error.errors && { errors: error.errors }),
  };
  return reply.code(error.status).headers(error.headers).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** The single place where errors become responses: RFC 9457 bodies, no stacks, no internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const [appError, expected] = toAppError(error);
    if (!expected) request.log.error({ err: error }, "request failed");
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new AppError(404, "NOT_FOUND", "No such route")),
  );
}
