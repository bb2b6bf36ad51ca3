import { describe, expect, it } from "vitest";
import { secretProblem } from "./secret";

describe("secretProblem", () => {
  it.each(["changeme", "CHANGEME", "change-me", "secret", " secret "])(
    "refuses the placeholder %j",
    (value) => {
      expect(secretProblem(value)).toMatch(/placeholder/);
    },
  );

  it("refuses a secret shorter than 32 characters", () => {
    expect(secretProblem("a".repeat(31))).toMatch(/at least 32/);
  });

  it("accepts a random secret of 32 characters or more", () => {
    expect(secretProblem("k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa")).toBeNull();
  });
});
