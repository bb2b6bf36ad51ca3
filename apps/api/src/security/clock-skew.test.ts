import { afterEach, describe, expect, it } from "vitest";
import { claims, signRaw } from "../auth/testing/jwks-fixture.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

// The web app mints with the real time; the api's clock is off by `skew`.
// Tolerance is the contract's 30 s; tokens live 15 minutes.

let t: TestApp;

afterEach(async () => {
  await t.close();
});

async function callWithApiClockOff(skewMs: number) {
  t = await createTestApp({ clock: () => Date.now() + skewMs });
  const token = await signRaw(t.key, claims());
  const res = await t.app.inject({
    url: "/api/protected",
    headers: { authorization: `Bearer ${token}` },
  });
  const refusal = t.logs().find((line) => line.event === "auth.refused");
  return { status: res.statusCode, reason: refusal?.reason };
}

describe("F8: clock skew between the web app and the api", () => {
  it("F8: api clock +2 min: a fresh token is still valid (15 min lifetime)", async () => {
    expect(await callWithApiClockOff(2 * 60_000)).toEqual({ status: 200, reason: undefined });
  });

  it("F8: api clock +20 min: every token is 401 TOKEN_EXPIRED (the logged reason an expired-token alert counts)", async () => {
    expect(await callWithApiClockOff(20 * 60_000)).toEqual({
      status: 401,
      reason: "TOKEN_EXPIRED",
    });
  });

  it("F8: api clock -20 s: a fresh token is accepted (iat in the future within the 30 s tolerance)", async () => {
    expect(await callWithApiClockOff(-20_000)).toEqual({ status: 200, reason: undefined });
  });

  it("F8: api clock -5 min: a fresh token is refused 401 TOKEN_NOT_YET_VALID, by decision: the contract's 30 s tolerance is kept, so drift surfaces as logged refusals for NTP monitoring instead of a silently wider window", async () => {
    expect(await callWithApiClockOff(-5 * 60_000)).toEqual({
      status: 401,
      reason: "TOKEN_NOT_YET_VALID",
    });
  });
});
