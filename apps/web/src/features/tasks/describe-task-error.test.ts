import { ABORTED, ApiError, NETWORK_ERROR } from "@taskgate/api-client/api-error";
import { describe, expect, it } from "vitest";
import { describeTaskError, fieldMessages } from "./describe-task-error";

const apiError = (
  status: number,
  code = "X",
  extra: { errors?: { path: string; message: string }[]; requestId?: string } = {},
) => new ApiError({ status, code, detail: "detail the user must not see", ...extra });

describe("describeTaskError", () => {
  it.each([
    [403, "FORBIDDEN", "You don't have permission to do that."],
    [404, "NOT_FOUND", "That task was not found; it may have been deleted."],
    [503, "SERVICE_UNAVAILABLE", "The task service is temporarily unavailable. Try again shortly."],
    [429, "RATE_LIMITED", "Too many requests. Wait a moment and try again."],
    [401, "UNAUTHENTICATED", "Your session has ended. Taking you to sign in…"],
  ])("says what status %i means", (status, code, message) => {
    const described = describeTaskError(apiError(status, code));
    expect(described.message).toBe(message);
    expect(described.unreachable).toBe(false);
  });

  it("turns a network failure (status 0) into the offline notice", () => {
    const described = describeTaskError(apiError(0, NETWORK_ERROR));
    expect(described.message).toMatch(/offline/);
    expect(described.unreachable).toBe(true);
  });

  it("marks a timeout as unreachable with its own message", () => {
    const described = describeTaskError(apiError(0, "TIMEOUT"));
    expect(described.message).toMatch(/too long/);
    expect(described.unreachable).toBe(true);
  });

  it("keeps quiet about a request we cancelled", () => {
    expect(describeTaskError(apiError(0, ABORTED))).toMatchObject({
      silent: true,
      unreachable: false,
    });
  });

  it("puts a 422's messages at their fields", () => {
    const described = describeTaskError(
      apiError(422, "VALIDATION_FAILED", {
        errors: [
          { path: "title", message: "Title is required." },
          { path: "title", message: "a second message for the same field" },
          { path: "description", message: "Description is at most 2000 characters." },
        ],
      }),
    );
    expect(described.fields).toEqual({
      title: "Title is required.",
      description: "Description is at most 2000 characters.",
    });
    expect(described.message).toBe("Check the highlighted fields.");
  });

  it("explains a 422 without field errors (a reused idempotency key)", () => {
    const described = describeTaskError(apiError(422, "IDEMPOTENCY_KEY_REUSED"));
    expect(described.fields).toEqual({});
    expect(described.message).toMatch(/could not be saved/);
  });

  it("gives a reference for other failures, never the api's detail", () => {
    const described = describeTaskError(apiError(500, "INTERNAL", { requestId: "req-123" }));
    expect(described.message).toContain("req-123");
    expect(described.message).not.toContain("detail the user must not see");
  });

  it("does not leak the text of an error that is not an ApiError", () => {
    expect(describeTaskError(new Error("stack trace here")).message).toBe(
      "Something went wrong. Try again.",
    );
  });
});

describe("fieldMessages", () => {
  it("maps nested and empty paths to their top-level field, skipping the whole-body ones", () => {
    expect(
      fieldMessages([
        { path: "", message: "body is wrong" },
        { path: "title.0", message: "nested" },
      ]),
    ).toEqual({ title: "nested" });
  });
});
