import { describe, expect, it } from "vitest";
import { parseConfig } from "../../server/config.server";
import { clientAddressOptions } from "./client-address-options.server";
import { rateLimitOptions } from "./rate-limit-options.server";

const config = parseConfig(
  { AUTH_RATE_LIMIT_MAX: "7", AUTH_RATE_LIMIT_WINDOW_SECONDS: "30" },
  "/tmp",
);

describe("the identity provider's rate limits", () => {
  it("throttles every request that checks a password with the configured credentials rule", () => {
    const { customRules } = rateLimitOptions(config, false);
    for (const path of [
      "/sign-in/email",
      "/sign-up/email",
      "/delete-user",
      "/change-password",
      "/change-email",
    ] as const) {
      expect(customRules[path]).toEqual({ window: 30, max: 7 });
    }
  });

  it("never throttles sign-out, the public keys or the revocation feed", () => {
    const { customRules } = rateLimitOptions(config, false);
    expect([customRules["/sign-out"], customRules["/jwks"], customRules["/revocations"]]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("counts in Redis when there is one, else in the database, and is always on", () => {
    expect(rateLimitOptions(config, true)).toMatchObject({
      enabled: true,
      storage: "secondary-storage",
    });
    expect(rateLimitOptions(config, false)).toMatchObject({ enabled: true, storage: "database" });
  });

  it("believes no client-sent address header without server.mjs or trusted proxies", () => {
    expect(clientAddressOptions(config, false)).toEqual({ ipAddressHeaders: [] });
    const behindProxy = parseConfig({ TRUSTED_PROXIES: "10.0.0.0/8" }, "/tmp");
    expect(clientAddressOptions(behindProxy, false)).toEqual({
      ipAddressHeaders: ["x-forwarded-for"],
      trustedProxies: ["10.0.0.0/8"],
    });
  });
});
