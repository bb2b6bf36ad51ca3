import { ApiError } from "@taskgate/api-client/api-error";

/** What the API card says when the call fails. */
export function describeApiError(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong while calling the API.";
  if (error.status === 401) return "Your session could not be verified.";
  if (error.status === 503) return "The API is temporarily unavailable.";
  if (error.status === 0) return "Cannot reach the API.";
  return asSentence(error.detail || `The API answered with status ${error.status}`);
}

/** The api's `detail` is written for people but not always as a sentence: end it like one. */
function asSentence(text: string): string {
  return /[.…!?]$/.test(text) ? text : `${text}.`;
}
