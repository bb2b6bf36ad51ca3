import {
  CreateTaskBodySchema,
  DESCRIPTION_MAX,
  TITLE_MAX,
  UpdateTaskBodySchema,
} from "@taskgate/contracts/task-wire";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../lib/form/field-errors";
import {
  checkTaskFieldsLocally,
  DESCRIPTION_MAX_LENGTH,
  showCounter,
  TITLE_MAX_LENGTH,
} from "./task-limits";

describe("task limits", () => {
  it("are the api's own bounds", () => {
    expect(TITLE_MAX_LENGTH).toBe(TITLE_MAX);
    expect(DESCRIPTION_MAX_LENGTH).toBe(DESCRIPTION_MAX);
  });

  it("show the counter only near the limit", () => {
    expect(showCounter(159, 200)).toBe(false);
    expect(showCounter(160, 200)).toBe(true);
    expect(showCounter(2000, 2000)).toBe(true);
  });
});

describe("the check made without the api's schema (offline before it loaded)", () => {
  const titles = [
    "ok",
    "  padded  ",
    "",
    "   ",
    "x".repeat(200),
    ` ${"x".repeat(200)} `,
    "x".repeat(201),
    "nul\u0000",
  ];
  const descriptions = [undefined, "fine", "  ", "y".repeat(2000), "y".repeat(2001), "nul\u0000"];

  it("finds exactly what the schema finds, with the same messages, for a create", () => {
    for (const title of titles) {
      for (const description of descriptions) {
        const body = { title, ...(description !== undefined ? { description } : {}) };
        const parsed = CreateTaskBodySchema.safeParse(body);
        const expected = parsed.success ? {} : fieldErrors(parsed.error);
        expect(checkTaskFieldsLocally(body), JSON.stringify(body)).toEqual(expected);
      }
    }
  });

  it("and for an edit, where a cleared description is null", () => {
    for (const description of [...descriptions, null]) {
      const body = { description };
      const parsed = UpdateTaskBodySchema.safeParse(body);
      const expected = parsed.success ? {} : fieldErrors(parsed.error);
      expect(checkTaskFieldsLocally(body), JSON.stringify(body)).toEqual(expected);
    }
  });
});
