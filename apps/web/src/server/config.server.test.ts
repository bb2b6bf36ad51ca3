import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.server";

const ROOT = "/repo";
const SECRET = "k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa";
const FEED_SECRET = "feed-9xV2mP7rT5wY8zB1nC4fH6gL0dSa";

describe("parseConfig", () => {
  it("applies the documented defaults to an empty environment", () => {
    expect(parseConfig({}, ROOT)).toEqual({
      baseUrl: "http://localhost:3000",
      jwtIssuer: "http://localhost:3000",
      trustedOrigins: ["http://localhost:3000"],
      authSecret: undefined,
      revocationFeedSecret: undefined,
      apiUrl: "http://localhost:8000",
      serverApiUrl: "http://localhost:8000",
      jwtAudience: "http://localhost:8000",
      jwtAlgorithm: "RS256",
      jwtTtlSeconds: 900,
      database: { kind: "sqlite", path: "/repo/data/web.db" },
      dataDir: "/repo/data",
      logLevel: "info",
      keyPublishDelaySeconds: 35,
      keyGraceSeconds: 1560,
      development: false,
      authRateLimit: { max: 3, windowSeconds: 10 },
      redis: undefined,
      trustedProxies: [],
    });
  });

  it("reads REDIS_URL with an optional key prefix and TRUSTED_PROXIES as IPs or CIDRs", () => {
    const config = parseConfig(
      {
        REDIS_URL: "rediss://:pw@cache.internal:6380/0",
        REDIS_KEY_PREFIX: "run-1:",
        TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.1,2001:db8::/32",
      },
      ROOT,
    );
    expect(config.redis).toEqual({
      url: "rediss://:pw@cache.internal:6380/0",
      keyPrefix: "run-1:",
    });
    expect(config.trustedProxies).toEqual(["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]);
    expect(parseConfig({ REDIS_URL: "redis://127.0.0.1:6379" }, ROOT).redis?.keyPrefix).toBe("");
  });

  it("refuses a non-redis REDIS_URL and a TRUSTED_PROXIES entry that is not an IP or CIDR", () => {
    expect(() => parseConfig({ REDIS_URL: "http://cache:6379" }, ROOT)).toThrow(/REDIS_URL/);
    expect(() => parseConfig({ TRUSTED_PROXIES: "10.0.0.0/8,proxy.local" }, ROOT)).toThrow(
      /TRUSTED_PROXIES/,
    );
    expect(() => parseConfig({ REDIS_KEY_PREFIX: "a b*" }, ROOT)).toThrow(/REDIS_KEY_PREFIX/);
  });

  it("treats blank values like the .env.example ones as unset", () => {
    const config = parseConfig({ BETTER_AUTH_SECRET: "", DATABASE_URL: " " }, ROOT);
    expect(config.authSecret).toBeUndefined();
    expect(config.database.kind).toBe("sqlite");
  });

  it("keeps an absolute DATA_DIR and normalizes the base URL to its origin", () => {
    const config = parseConfig(
      {
        DATA_DIR: "/tmp/x",
        WEB_URL: "http://web.test:4000/",
        BETTER_AUTH_URL: "http://web.test:4000/",
      },
      ROOT,
    );
    expect(config.dataDir).toBe("/tmp/x");
    expect(config.baseUrl).toBe("http://web.test:4000");
  });

  it("names every bad variable in one error", () => {
    const env = {
      BETTER_AUTH_SECRET: "changeme",
      JWT_ALGORITHM: "HS256",
      JWT_TTL_SECONDS: "10",
      BETTER_AUTH_URL: "ftp://x",
    };
    expect(() => parseConfig(env, ROOT)).toThrow(
      /BETTER_AUTH_SECRET[\s\S]*BETTER_AUTH_URL|BETTER_AUTH_URL[\s\S]*BETTER_AUTH_SECRET/,
    );
    try {
      parseConfig(env, ROOT);
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      for (const name of [
        "BETTER_AUTH_SECRET",
        "JWT_ALGORITHM",
        "JWT_TTL_SECONDS",
        "BETTER_AUTH_URL",
      ]) {
        expect(message).toContain(name);
      }
    }
  });

  it("refuses a short secret", () => {
    expect(() => parseConfig({ BETTER_AUTH_SECRET: "short" }, ROOT)).toThrow(
      /BETTER_AUTH_SECRET: must be at least 32/,
    );
  });

  it("requires a secret with a PostgreSQL DATABASE_URL", () => {
    expect(() => parseConfig({ DATABASE_URL: "postgres://u:p@db/app" }, ROOT)).toThrow(
      /BETTER_AUTH_SECRET: required with DATABASE_URL/,
    );
    expect(() =>
      parseConfig({ DATABASE_URL: "postgres://u:p@db/app", BETTER_AUTH_SECRET: SECRET }, ROOT),
    ).toThrow(/REVOCATION_FEED_SECRET: required with DATABASE_URL/);
    const config = parseConfig(
      {
        DATABASE_URL: "postgres://u:p@db/app",
        BETTER_AUTH_SECRET: SECRET,
        REVOCATION_FEED_SECRET: FEED_SECRET,
      },
      ROOT,
    );
    expect(config.revocationFeedSecret).toBe(FEED_SECRET);
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db/app",
      poolMax: 10,
    });
  });

  it("sizes the PostgreSQL pool from DB_POOL_MAX and refuses a pool of none", () => {
    const env = {
      DATABASE_URL: "postgres://u:p@db/app",
      BETTER_AUTH_SECRET: SECRET,
      REVOCATION_FEED_SECRET: FEED_SECRET,
    };
    expect(parseConfig({ ...env, DB_POOL_MAX: "25" }, ROOT).database).toMatchObject({
      poolMax: 25,
    });
    expect(() => parseConfig({ ...env, DB_POOL_MAX: "0" }, ROOT)).toThrow(/DB_POOL_MAX/);
  });

  it("C23: refuses a placeholder or short REVOCATION_FEED_SECRET", () => {
    expect(() => parseConfig({ REVOCATION_FEED_SECRET: "changeme" }, ROOT)).toThrow(
      /REVOCATION_FEED_SECRET: is a placeholder/,
    );
    expect(() => parseConfig({ REVOCATION_FEED_SECRET: "short" }, ROOT)).toThrow(
      /REVOCATION_FEED_SECRET: must be at least 32/,
    );
  });

  it("refuses a DATABASE_URL that is neither empty nor postgres", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://x" }, ROOT)).toThrow(/DATABASE_URL/);
  });
});
