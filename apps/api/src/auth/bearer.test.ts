import { describe, expect, it } from "vitest";
import { parseBearer } from "./bearer.js";
import { TokenError } from "./errors.js";

const reasonOf = (header: string | string[] | undefined) => {
  try {
    parseBearer(header);
    return "accepted";
  } catch (error) {
    return error instanceof TokenError ? error.reason : "other";
  }
};

describe("parseBearer (J20)", () => {
  it("extracts the token from 'Bearer <token>'", () => {
    expect(parseBearer("Bearer a.b.c")).toBe("a.b.c");
  });

  it("accepts the scheme in any case", () => {
    expect(parseBearer("bearer a.b.c")).toBe("a.b.c");
    expect(parseBearer("BEARER a.b.c")).toBe("a.b.c");
  });

  it("J20: treats a missing or empty header as TOKEN_MISSING", () => {
    expect(reasonOf(undefined)).toBe("TOKEN_MISSING");
    expect(reasonOf("")).toBe("TOKEN_MISSING");
  });

  it.each([
    ["Bearer with no token", "Bearer"],
    ["Bearer and a space", "Bearer "],
    ["Basic credentials", "Basic dXNlcjpwYXNz"],
    ["two spaces", "Bearer  a.b.c"],
    ["a trailing space", "Bearer a.b.c "],
    ["a tab", "Bearer\ta.b.c"],
    ["two tokens", "Bearer a.b.c d.e.f"],
    ["a token without scheme", "a.b.c"],
  ])("J20: rejects %s as TOKEN_MALFORMED", (_name, header) => {
    expect(reasonOf(header)).toBe("TOKEN_MALFORMED");
  });

  it("J20: rejects two Authorization headers", () => {
    expect(reasonOf(["Bearer a.b.c", "Bearer d.e.f"])).toBe("TOKEN_MALFORMED");
  });

  it("J21: rejects a 1 MB header without scanning it", () => {
    expect(reasonOf(`Bearer ${"a".repeat(1024 * 1024)}`)).toBe("TOKEN_MALFORMED");
  });
});
