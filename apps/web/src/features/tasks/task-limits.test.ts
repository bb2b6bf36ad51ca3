import { DESCRIPTION_MAX, TITLE_MAX } from "@taskgate/contracts/task-wire";
import { describe, expect, it } from "vitest";
import { DESCRIPTION_MAX_LENGTH, showCounter, TITLE_MAX_LENGTH } from "./task-limits";

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
