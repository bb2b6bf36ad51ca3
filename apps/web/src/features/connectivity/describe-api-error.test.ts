import { ApiError } from "@taskgate/api-client/api-error";
import { describe, expect, it } from "vitest";
import { describeApiError } from "./describe-api-error";

const apiError = (status: number, detail = "Detail from the api.") =>
  new ApiError({ status, code: "X", detail });

describe("describeApiError", () => {
  it.each([
    [401, "Your session could not be verified."],
    [503, "The API is temporarily unavailable."],
    [0, "Cannot reach the API."],
    [403, "Detail from the api."],
    [500, "Detail from the api."],
  ])("describes status %i", (status, message) => {
    expect(describeApiError(apiError(status))).toBe(message);
  });

  it("ends the api's detail like a sentence when it does not", () => {
    expect(describeApiError(apiError(409, "Detail without a stop"))).toBe("Detail without a stop.");
  });

  it("falls back to the status when the api sent no detail", () => {
    expect(describeApiError(apiError(418, ""))).toBe("The API answered with status 418.");
  });

  it("does not leak the text of an unexpected error", () => {
    expect(describeApiError(new Error("stack trace here"))).toBe(
      "Something went wrong while calling the API.",
    );
  });
});
