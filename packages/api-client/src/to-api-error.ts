import { HTTPError, TimeoutError } from "ky";
import { ABORTED, ApiError, NETWORK_ERROR } from "./api-error";
import { parseFailure } from "./parse-failure";

export const TIMEOUT = "TIMEOUT";

/** Every failure leaves the client as one ApiError; nothing else escapes. */
export async function toApiError(error: unknown, signal?: AbortSignal): Promise<ApiError> {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPError) return parseFailure(error.response);
  if (error instanceof TimeoutError) {
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
