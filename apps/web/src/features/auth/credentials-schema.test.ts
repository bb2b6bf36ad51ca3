import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../lib/form/field-errors";
import { LoginSchema, RegisterSchema } from "./credentials-schema";

const valid = { name: "Ada", email: "ada@example.com", password: "12345678" };

describe("RegisterSchema", () => {
  it.each([8, 64, 128])("accepts a %i-character password", (length) => {
    expect(RegisterSchema.safeParse({ ...valid, password: "p".repeat(length) }).success).toBe(true);
  });

  it.each([7, 129])("refuses a %i-character password", (length) => {
    expect(RegisterSchema.safeParse({ ...valid, password: "p".repeat(length) }).success).toBe(
      false,
    );
  });

  it("accepts a passphrase without composition rules", () => {
    const result = RegisterSchema.safeParse({ ...valid, password: "correct horse battery staple" });
    expect(result.success).toBe(true);
  });

  it("trims the email and refuses a blank name", () => {
    const ok = RegisterSchema.parse({ ...valid, email: "  ada@example.com " });
    expect(ok.email).toBe("ada@example.com");
    const result = RegisterSchema.safeParse({ ...valid, name: "   " });
    expect(result.success).toBe(false);
  });

  it("reports one message per field", () => {
    const result = RegisterSchema.safeParse({ name: "", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      name: "Enter your name.",
      email: "Enter a valid email address.",
      password: "Use at least 8 characters.",
    });
  });
});

describe("LoginSchema", () => {
  it("needs an email and a password", () => {
    expect(LoginSchema.safeParse({ email: "ada@example.com", password: "" }).success).toBe(false);
    expect(LoginSchema.safeParse({ email: "ada@example.com", password: "x" }).success).toBe(true);
  });
});
