import { describe, expect, it } from "vitest";
import { keepUnfixed } from "./field-errors";

describe("keepUnfixed", () => {
  it("drops the error of a field that became valid and keeps the others", () => {
    expect(
      keepUnfixed(
        { email: "Enter a valid email address.", name: "Enter your name." },
        {
          name: "Enter your name.",
        },
      ),
    ).toEqual({ name: "Enter your name." });
  });

  it("does not flag a field that had no error at submit", () => {
    expect(keepUnfixed({}, { password: "Use at least 8 characters." })).toEqual({});
  });

  it("shows the field's current message when it changed", () => {
    expect(
      keepUnfixed(
        { password: "Use at least 8 characters." },
        { password: "Use at most 128 characters." },
      ),
    ).toEqual({ password: "Use at most 128 characters." });
  });
});
