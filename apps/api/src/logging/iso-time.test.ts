import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createIsoTime } from "./iso-time.js";

describe("createIsoTime", () => {
  it("writes the same field as pino's isoTime", () => {
    const ms = Date.parse("2026-12-05T01:02:03.456Z");
    const realNow = Date.now;
    Date.now = () => ms;
    try {
      expect(createIsoTime(() => ms)()).toBe(pino.stdTimeFunctions.isoTime());
    } finally {
      Date.now = realNow;
    }
  });

  it("formats once per millisecond and follows the clock", () => {
    let ms = Date.parse("2026-12-05T01:02:03.456Z");
    const time = createIsoTime(() => ms);
    const first = time();
    expect(time()).toBe(first);
    ms += 1;
    expect(time()).toBe(',"time":"2026-12-05T01:02:03.457Z"');
    ms += 60_000;
    expect(time()).toBe(',"time":"2026-12-05T01:03:03.457Z"');
  });
});
