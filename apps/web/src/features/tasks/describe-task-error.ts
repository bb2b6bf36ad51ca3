import { ABORTED, ApiError, NETWORK_ERROR } from "@taskgate/api-client/api-error";

/** What a failed task request means for the user: one place, so every screen says the same. */
export type TaskErrorDescription = {
  message: string;
  /** Messages per form field ("title", "description") from a 422. */
  fields: Record<string, string>;
  /** No response at all: the offline banner takes over. */
  unreachable: boolean;
  /** Nothing worth telling the user (a request we cancelled ourselves). */
  silent: boolean;
};

// The api client's code for a try that ran out of time (not exported by the package).
const TIMEOUT = "TIMEOUT";

const describe = (message: string, extra: Partial<TaskErrorDescription> = {}) => ({
  message,
  fields: {},
  unreachable: false,
  silent: false,
  ...extra,
});

/** The first message per top-level field of a 422's `errors[]` (`path` "title" or "title.x"). */
export function fieldMessages(errors: ReadonlyArray<{ path: string; message: string }>) {
  const fields: Record<string, string> = {};
  for (const { path, message } of errors) {
    const field = path.split(".")[0] ?? "";
    if (field && !fields[field]) fields[field] = message;
  }
  return fields;
}

export function describeTaskError(error: unknown): TaskErrorDescription {
  if (!(error instanceof ApiError)) return describe("Something went wrong. Try again.");
  const { status, code } = error;
  if (status === 0 && code === ABORTED) return describe("Request cancelled.", { silent: true });
  if (status === 0 && code === TIMEOUT) {
    return describe("The server took too long to answer. Try again.", {
      unreachable: true,
    });
  }
  if (status === 0 || code === NETWORK_ERROR) {
    return describe("You are offline. The change is sent when the connection is back.", {
      unreachable: true,
    });
  }
  // onUnauthorized is already taking the user to the login page.
  if (status === 401) return describe("Your session has ended. Taking you to sign in…");
  if (status === 403) return describe("You don't have permission to do that.");
  if (status === 404) return describe("That task was not found; it may have been deleted.");
  if (status === 422) {
    const fields = fieldMessages(error.errors);
    return Object.keys(fields).length > 0
      ? describe("Check the highlighted fields.", { fields })
      : describe("The task could not be saved as written. Check it and try again.");
  }
  if (status === 429) return describe("Too many requests. Wait a moment and try again.");
  if (status === 503) {
    return describe("The task service is temporarily unavailable. Try again shortly.");
  }
  // A reference lets support find the request's log line; the detail text is not shown.
  const reference = error.requestId ? ` (reference ${error.requestId})` : "";
  return describe(`Something went wrong on our side${reference}. Try again.`);
}
