import type { HTTPError } from "ky";
import { ABORTED, ApiError, NETWORK_ERROR } from "./api-error";
import { parseFailure } from "./parse-failure";

// ky's errors are told apart by name, not instanceof: importing its classes
// here would put ky in every page's first load (the client loads it lazily).
const isHttpError = (error: unknown): error is HTTPError =>
  error instanceof Error && error.name === "HTTPError" && "response" in error;
const isTimeout = (error: unknown): boolean =>
  error instanceof Error && error.name === "TimeoutError";

export const TIMEOUT = "TIMEOUT";

/** Every failure leaves the client as one ApiError; nothing else escapes. */
export async function toApiError(error: unknown, signal?: AbortSignal): Promise<ApiError> {
  if (error instanceof ApiError) return error;
  if (isHttpError(error)) return parseFailure(error.response);
  if (isTimeout(error)) {
    return new ApiError({
      status: 0,
      code: TIMEOUT,
      detail: "The API took too long to answer",
      cause: error,
    });
  }
  if (signal?.aborted || (error instanceof Error && error.name === "AbortError")) {
    return new ApiError({ status: 0, code: ABORTED, detail: "Request cancelled", cause: error });
  }
  return new ApiError({
    status: 0,
    code: NETWORK_ERROR,
    detail: "Cannot reach the API",
    cause: error,
  });
}
