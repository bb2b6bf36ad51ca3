import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, findRepoRoot, parseConfig } from "./config.js";

const ROOT = "/srv/taskgate";
const FEED_SECRET = "feed-secret-0123456789abcdef-0123456789";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env, ROOT);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : ["not a ConfigError"];
  }
};

describe("parseConfig", () => {
  it("applies every default on an empty environment", () => {
    const config = parseConfig({}, ROOT);
    expect(config.port).toBe(8000);
    expect(config.host).toBe("0.0.0.0");
    expect(config.jwt).toEqual({
      issuer: "http://localhost:3000",
      audience: "http://localhost:8000",
      algorithms: ["RS256"],
      clockToleranceSeconds: 30,
      maxTokenAgeSeconds: 3600,
    });
    expect(config.jwks).toEqual({
      url: "http://localhost:3000/api/auth/jwks",
      cooldownMs: 30_000,
      cacheMaxAgeMs: 600_000,
      maxStaleMs: 86_400_000,
      timeoutMs: 5000,
    });
    expect(config.revocations).toEqual({
      url: "http://localhost:3000/api/auth/revocations",
      pollMs: 2000,
      maxStaleMs: 0,
      timeoutMs: 5000,
    });
    expect(config.corsOrigins).toEqual(["http://localhost:3000"]);
    expect(config.dataDir).toBe(path.join(ROOT, "data"));
    expect(config.database).toEqual({ kind: "sqlite", file: path.join(ROOT, "data", "api.db") });
  });

  it("treats empty values (as in .env.example) as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", API_PORT: "" }, ROOT).port).toBe(8000);
  });

  it("parses lists and numbers", () => {
    const config = parseConfig(
      {
        API_PORT: "9000",
        JWT_ALGORITHM: "EdDSA, RS256,RS256",
        CORS_ORIGINS: "https://app.example.com, http://localhost:3000",
        DATA_DIR: "/var/lib/taskgate",
      },
      ROOT,
    );
    expect(config.port).toBe(9000);
    expect(config.jwt.algorithms).toEqual(["EdDSA", "RS256"]);
    expect(config.corsOrigins).toEqual(["https://app.example.com", "http://localhost:3000"]);
    expect(config.database).toEqual({ kind: "sqlite", file: "/var/lib/taskgate/api.db" });
  });

  it.each(["none", "HS256", "RS256,none", "rs256", ""])(
    "rejects JWT_ALGORITHM=%s naming the variable",
    (value) => {
      const problems = problemsOf({ JWT_ALGORITHM: value === "" ? "," : value });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.startsWith("JWT_ALGORITHM:"))).toBe(true);
    },
  );

  it.each(["https://app.example.com/path", "*", "null", "localhost:3000"])(
    "rejects CORS origin %s naming the variable",
    (origin) => {
      expect(problemsOf({ CORS_ORIGINS: origin })[0]).toMatch(/^CORS_ORIGINS:/);
    },
  );

  it("reads a CORS origin with a trailing slash as the origin", () => {
    const config = parseConfig({ CORS_ORIGINS: "http://localhost:3000/" }, ROOT);
    expect(config.corsOrigins).toEqual(["http://localhost:3000"]);
  });

  it.each(["postgres://u:p@db/taskgate", "postgresql://u@db:5433/taskgate?sslmode=require"])(
    "selects PostgreSQL for DATABASE_URL=%s, with the pool settings",
    (url) => {
      const config = parseConfig(
        {
          DATABASE_URL: url,
          DB_POOL_MAX: "4",
          DB_STATEMENT_TIMEOUT_MS: "2500",
          REVOCATION_FEED_SECRET: FEED_SECRET,
        },
        ROOT,
      );
      expect(config.database).toEqual({
        kind: "postgres",
        url,
        poolMax: 4,
        statementTimeoutMs: 2500,
      });
    },
  );

  it("defaults the PostgreSQL pool to 10 connections and a 5 s statement timeout", () => {
    const config = parseConfig(
      { DATABASE_URL: "postgres://db/taskgate", REVOCATION_FEED_SECRET: FEED_SECRET },
      ROOT,
    );
    expect(config.database).toMatchObject({ poolMax: 10, statementTimeoutMs: 5000 });
  });

  it("C23: requires REVOCATION_FEED_SECRET with PostgreSQL, of at least 32 characters", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://db/taskgate" })[0]).toMatch(
      /^REVOCATION_FEED_SECRET: required with DATABASE_URL/,
    );
    expect(problemsOf({ REVOCATION_FEED_SECRET: "short" })[0]).toMatch(
      /^REVOCATION_FEED_SECRET: must be at least 32/,
    );
    expect(parseConfig({}, ROOT).revocations.secret).toBeUndefined();
    expect(parseConfig({ REVOCATION_FEED_SECRET: FEED_SECRET }, ROOT).revocations.secret).toBe(
      FEED_SECRET,
    );
  });

  it.each(["mysql://db/taskgate", "postgres://", "not a url", "file:./data/api.db"])(
    "rejects DATABASE_URL=%s with a clear message",
    (url) => {
      const [problem] = problemsOf({ DATABASE_URL: url });
      expect(problem).toBe(
        "DATABASE_URL: must be empty (SQLite under DATA_DIR) or a postgres:// URL",
      );
    },
  );

  it("rejects a pool size of 0 and a negative statement timeout", () => {
    const problems = problemsOf({ DB_POOL_MAX: "0", DB_STATEMENT_TIMEOUT_MS: "-1" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "DB_POOL_MAX",
      "DB_STATEMENT_TIMEOUT_MS",
    ]);
  });

  it("derives REVOCATIONS_URL from JWKS_URL by replacing its last path segment", () => {
    const config = parseConfig({ JWKS_URL: "https://id.example.com/auth/v2/jwks?x=1" }, ROOT);
    expect(config.revocations.url).toBe("https://id.example.com/auth/v2/revocations");
  });

  it("takes REVOCATIONS_URL, REVOCATION_POLL_SECONDS and REVOCATION_MAX_STALE_SECONDS as given", () => {
    const config = parseConfig(
      {
        REVOCATIONS_URL: "https://id.example.com/feed",
        REVOCATION_POLL_SECONDS: "5",
        REVOCATION_MAX_STALE_SECONDS: "60",
        JWKS_TIMEOUT_MS: "1500",
      },
      ROOT,
    );
    expect(config.revocations).toEqual({
      url: "https://id.example.com/feed",
      pollMs: 5000,
      maxStaleMs: 60_000,
      timeoutMs: 1500,
    });
  });

  it.each([
    ["REVOCATION_POLL_SECONDS", "0"],
    ["REVOCATION_POLL_SECONDS", "61"],
    ["REVOCATION_POLL_SECONDS", "1.5"],
    ["REVOCATION_MAX_STALE_SECONDS", "-1"],
    ["REVOCATIONS_URL", "ftp://id.example.com/feed"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}:`))]);
  });

  it("rejects a strict-mode bound shorter than two polls (it would flap to 503)", () => {
    expect(problemsOf({ REVOCATION_POLL_SECONDS: "5", REVOCATION_MAX_STALE_SECONDS: "9" })).toEqual(
      [expect.stringMatching(/^REVOCATION_MAX_STALE_SECONDS:/)],
    );
    expect(
      problemsOf({ REVOCATION_POLL_SECONDS: "5", REVOCATION_MAX_STALE_SECONDS: "10" }),
    ).toEqual([]);
  });

  it("defaults bound slow requests and leave generous rate limits, in memory, no proxy trusted", () => {
    const config = parseConfig({}, ROOT);
    expect(config.http).toEqual({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 10_000,
      trustedProxies: [],
    });
    expect(config.rateLimit).toEqual({ clientMax: 3000, userMax: 1200, windowMs: 60_000 });
    expect(config.redis).toBeNull();
  });

  it("takes TRUSTED_PROXIES, REDIS_URL and REDIS_KEY_PREFIX as given", () => {
    const config = parseConfig(
      {
        TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.1,2001:db8::/32",
        REDIS_URL: "redis://cache:6379/2",
        REDIS_KEY_PREFIX: "prod:",
      },
      ROOT,
    );
    expect(config.http.trustedProxies).toEqual(["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]);
    expect(config.redis).toEqual({ url: "redis://cache:6379/2", keyPrefix: "prod:" });
  });

  it.each([
    ["TRUSTED_PROXIES", "loadbalancer.internal"],
    ["REDIS_URL", "http://cache:6379"],
    ["REDIS_KEY_PREFIX", "a b"],
    ["API_REQUEST_TIMEOUT_MS", "0"],
    ["API_REQUEST_TIMEOUT_MS", "60000"],
    ["API_RATE_LIMIT_CLIENT_MAX", "0"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}:`))]);
  });

  it("rejects a headers timeout longer than the request timeout (Node refuses it)", () => {
    expect(problemsOf({ API_REQUEST_TIMEOUT_MS: "5000", API_HEADERS_TIMEOUT_MS: "6000" })).toEqual([
      expect.stringMatching(/^API_HEADERS_TIMEOUT_MS:/),
    ]);
  });

  it("reports every bad variable, one line each", () => {
    const problems = problemsOf({ API_PORT: "abc", JWKS_URL: "ftp://x", LOG_LEVEL: "loud" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "API_PORT",
      "JWKS_URL",
      "LOG_LEVEL",
    ]);
  });
});

describe("findRepoRoot", () => {
  it("walks up to the npm workspaces root", () => {
    const root = findRepoRoot(path.join(import.meta.dirname, "auth"));
    expect(root).toBe(path.resolve(import.meta.dirname, "../../.."));
  });
});

describe("token binding and Redis", () => {
  it("defaults to DPOP_MODE=allowed, API_URL on localhost at API_PORT, no Redis", () => {
    const config = parseConfig({ API_PORT: "9001" }, ROOT);
    expect(config.dpop).toEqual({ mode: "allowed", publicUrl: "http://localhost:9001" });
    expect(config.redis).toBeNull();
  });

  it("takes DPOP_MODE, API_URL (without a trailing slash) and REDIS_URL as given", () => {
    const config = parseConfig(
      {
        DPOP_MODE: "required",
        API_URL: "https://api.example.com/",
        REDIS_URL: "redis://cache:6379",
        REDIS_KEY_PREFIX: "prod:",
      },
      ROOT,
    );
    expect(config.dpop).toEqual({ mode: "required", publicUrl: "https://api.example.com" });
    expect(config.redis).toEqual({ url: "redis://cache:6379", keyPrefix: "prod:" });
  });

  it.each([
    ["DPOP_MODE", "strict"],
    ["API_URL", "api.example.com"],
    ["REDIS_URL", "http://cache:6379"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(problemsOf({ [name]: value }).some((line) => line.startsWith(`${name}:`))).toBe(true);
  });
});
