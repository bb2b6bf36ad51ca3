import { describe, expect, it } from "vitest";
import { AppError } from "../http/app-error.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

const b64 = (text: string) => Buffer.from(text).toString("base64url");

describe("cursor", () => {
  it("round-trips (created_at, id) through an opaque base64url string", () => {
    const cursor = { createdAt: "2026-01-02T03:04:05.678Z", id: "0b5f-id" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ["characters outside base64url", "abc+/="],
    ["text that is not JSON", b64("not json")],
    ["a JSON object", b64("{}")],
    ["a tuple of one", b64('["2026-01-02T03:04:05.678Z"]')],
    ["a date that is not ISO", b64('["yesterday","id"]')],
    ["an empty id", b64('["2026-01-02T03:04:05.678Z",""]')],
    ["a numeric id", b64('["2026-01-02T03:04:05.678Z",1]')],
    ["an extra element", b64('["2026-01-02T03:04:05.678Z","id","x"]')],
  ])("refuses %s with a 400", (_name, raw) => {
    expect(() => decodeCursor(raw)).toThrow(AppError);
    try {
      decodeCursor(raw);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    }
  });
});
