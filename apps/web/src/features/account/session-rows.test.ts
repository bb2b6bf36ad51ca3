import { describe, expect, it } from "vitest";
import { readSessionRows, type SessionRecord, toSessionRows } from "./session-rows";

const chrome =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const session = (id: string, updatedAt: string, extra: Partial<SessionRecord> = {}) => ({
  id,
  token: `token-${id}`,
  createdAt: "2026-01-01T10:00:00.000Z",
  updatedAt,
  ...extra,
});

describe("toSessionRows", () => {
  it("marks this device's session and lists it first, then the most recently active", () => {
    const rows = toSessionRows(
      [
        session("old", "2026-01-02T00:00:00.000Z"),
        session("mine", "2026-01-01T00:00:00.000Z"),
        session("recent", "2026-01-03T00:00:00.000Z"),
      ],
      "mine",
    );
    expect(rows.map((row) => [row.id, row.current])).toEqual([
      ["mine", true],
      ["recent", false],
      ["old", false],
    ]);
  });

  it("marks no session as this device's when the current one is unknown", () => {
    const rows = toSessionRows([session("a", "2026-01-02T00:00:00.000Z")], null);
    expect(rows[0]?.current).toBe(false);
  });

  it("describes the device, shows a missing IP as Unknown and reads dates", () => {
    const [row] = toSessionRows(
      [
        session("a", "2026-01-02T03:04:05.000Z", {
          userAgent: chrome,
          ipAddress: null,
          createdAt: new Date("2026-01-01T10:00:00.000Z"),
        }),
      ],
      "a",
    );
    expect(row?.device.label).toBe("Chrome 131 on Windows");
    expect(row?.ipAddress).toBe("Unknown");
    expect(row?.createdAt.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(row?.lastActiveAt.toISOString()).toBe("2026-01-02T03:04:05.000Z");
    expect(row?.token).toBe("token-a");
  });

  it("shows the IP Better Auth recorded", () => {
    const [row] = toSessionRows(
      [session("a", "2026-01-02T00:00:00.000Z", { ipAddress: "203.0.113.9" })],
      null,
    );
    expect(row?.ipAddress).toBe("203.0.113.9");
  });
});

describe("readSessionRows", () => {
  const session = {
    id: "s1",
    token: "t1",
    ipAddress: "203.0.113.7",
    userAgent: null,
  };

  it("reads Better Auth's client answer, whose times are Dates", () => {
    const rows = readSessionRows(
      [
        {
          ...session,
          createdAt: new Date("2026-11-20T10:00:00Z"),
          updatedAt: new Date("2026-11-23T10:00:00Z"),
        },
      ],
      { session: { id: "s1" } },
    );
    expect(rows?.[0]).toMatchObject({ id: "s1", current: true });
    expect(rows?.[0]?.lastActiveAt.toISOString()).toBe("2026-11-23T10:00:00.000Z");
  });

  it("reads times sent as strings too, and refuses a body that is not a session list", () => {
    const asStrings = {
      ...session,
      createdAt: "2026-11-20T10:00:00Z",
      updatedAt: "2026-11-21T10:00:00Z",
    };
    expect(readSessionRows([asStrings], null)?.[0]).toMatchObject({ id: "s1", current: false });
    expect(readSessionRows({ sessions: [] }, null)).toBeNull();
  });
});
