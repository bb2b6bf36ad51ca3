import { describe, expect, it } from "vitest";
import { DeleteAccountSchema } from "../../lib/account-rules/schemas";
import { fieldErrors } from "../../lib/form/field-errors";
import { ChangePasswordSchema, ProfileSchema } from "./account-schemas";

describe("ProfileSchema", () => {
  it("trims the name and accepts 1 to 100 characters", () => {
    expect(ProfileSchema.parse({ name: "  Ada Lovelace " }).name).toBe("Ada Lovelace");
    expect(ProfileSchema.safeParse({ name: "a" }).success).toBe(true);
    expect(ProfileSchema.safeParse({ name: "a".repeat(100) }).success).toBe(true);
  });

  it("refuses a blank name and one over 100 characters", () => {
    const blank = ProfileSchema.safeParse({ name: "   " });
    expect(blank.success).toBe(false);
    if (!blank.success) expect(fieldErrors(blank.error)).toEqual({ name: "Enter your name." });
    const long = ProfileSchema.safeParse({ name: ` ${"a".repeat(101)} ` });
    expect(long.success).toBe(false);
    if (!long.success) expect(fieldErrors(long.error).name).toBe("Use at most 100 characters.");
  });
});

describe("ChangePasswordSchema", () => {
  const valid = {
    currentPassword: "old password",
    newPassword: "a new passphrase",
    confirmPassword: "a new passphrase",
  };

  it("accepts a new password of 8 to 128 characters typed twice", () => {
    expect(ChangePasswordSchema.safeParse(valid).success).toBe(true);
    for (const length of [8, 128]) {
      const password = "p".repeat(length);
      const input = { ...valid, newPassword: password, confirmPassword: password };
      expect(ChangePasswordSchema.safeParse(input).success).toBe(true);
    }
  });

  it.each([7, 129])("refuses a %i-character new password at that field", (length) => {
    const password = "p".repeat(length);
    const result = ChangePasswordSchema.safeParse({
      ...valid,
      newPassword: password,
      confirmPassword: password,
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(["newPassword"]);
  });

  it("reports a confirmation that differs at the confirmation field", () => {
    const result = ChangePasswordSchema.safeParse({ ...valid, confirmPassword: "something else" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldErrors(result.error)).toEqual({
        confirmPassword: "The two new passwords do not match.",
      });
    }
  });

  it("needs the current password and a new one that differs from it", () => {
    const missing = ChangePasswordSchema.safeParse({ ...valid, currentPassword: "" });
    expect(missing.success).toBe(false);
    if (!missing.success) expect(fieldErrors(missing.error).currentPassword).toBeDefined();
    const same = ChangePasswordSchema.safeParse({
      currentPassword: valid.newPassword,
      newPassword: valid.newPassword,
      confirmPassword: valid.newPassword,
    });
    expect(same.success).toBe(false);
    if (!same.success) expect(Object.keys(fieldErrors(same.error))).toEqual(["newPassword"]);
  });

  it("keeps spaces in passwords: they are part of a passphrase", () => {
    const input = { ...valid, newPassword: " spaced out ", confirmPassword: " spaced out " };
    expect(ChangePasswordSchema.parse(input).newPassword).toBe(" spaced out ");
  });
});

describe("DeleteAccountSchema", () => {
  it("needs a password", () => {
    expect(DeleteAccountSchema.safeParse({ password: "" }).success).toBe(false);
    expect(DeleteAccountSchema.safeParse({ password: "x" }).success).toBe(true);
  });
});
