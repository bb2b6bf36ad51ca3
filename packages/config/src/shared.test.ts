import { describe, expect, it } from "vitest";
import { apiEnv } from "./api";
import { ConfigError, parseEnv } from "./parse";
import { docOf } from "./registry";
import { sharedEnv } from "./shared";
import { webEnv } from "./web";

// The variables both apps used to parse with two schemas that disagreed: one
// definition now, so both apps accept and refuse exactly the same values.

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    parseEnv(sharedEnv, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe("the shared fragment", () => {
  it("refuses JWKS_COOLDOWN_SECONDS=0: an unknown kid would refetch the JWKS on every request", () => {
    expect(problemsOf({ JWKS_COOLDOWN_SECONDS: "0" })[0]).toMatch(/^JWKS_COOLDOWN_SECONDS: /);
    expect(parseEnv(sharedEnv, { JWKS_COOLDOWN_SECONDS: "1" }).JWKS_COOLDOWN_SECONDS).toBe(1);
  });

  it("accepts LOG_LEVEL=silent for both apps", () => {
    expect(parseEnv(sharedEnv, { LOG_LEVEL: "silent" }).LOG_LEVEL).toBe("silent");
    expect(problemsOf({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL: /);
  });

  it("reads JWT_ALGORITHM as a list, the first one first", () => {
    expect(parseEnv(sharedEnv, {}).JWT_ALGORITHM).toEqual(["RS256"]);
    expect(parseEnv(sharedEnv, { JWT_ALGORITHM: "ES256, RS256" }).JWT_ALGORITHM).toEqual([
      "ES256",
      "RS256",
    ]);
    expect(problemsOf({ JWT_ALGORITHM: "RS256,HS256" })[0]).toMatch(/^JWT_ALGORITHM: /);
  });

  it.each([
    "postgres://u:p@db/taskgate",
    "postgresql://u@db:5433/taskgate?sslmode=require",
    "postgres:///taskgate?host=/run/postgresql",
  ])("accepts DATABASE_URL=%s", (url) => {
    expect(parseEnv(sharedEnv, { DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each(["mysql://db/taskgate", "postgres://", "postgres://db:notaport/x", "file:./data/a.db"])(
    "refuses DATABASE_URL=%s",
    (url) => {
      expect(problemsOf({ DATABASE_URL: url })[0]).toMatch(/^DATABASE_URL: /);
    },
  );

  it("treats an empty or blank value as unset", () => {
    const parsed = parseEnv(sharedEnv, { DATABASE_URL: "", LOG_LEVEL: "  " });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.LOG_LEVEL).toBe("info");
  });
});

describe("every variable is documented once", () => {
  const fragments = { sharedEnv, webEnv, apiEnv };

  it("has an app, a default and one line of documentation", () => {
    for (const fragment of Object.values(fragments)) {
      for (const [name, schema] of Object.entries(fragment)) {
        const doc = docOf(name, schema);
        expect(doc.doc.length, name).toBeGreaterThan(0);
        expect(doc.doc, name).not.toContain("\n");
        expect(doc.default.length, name).toBeGreaterThan(0);
      }
    }
  });

  it("is defined in exactly one fragment", () => {
    const names = Object.values(fragments).flatMap((fragment) => Object.keys(fragment));
    expect(new Set(names).size).toBe(names.length);
  });

  it("includes the contract's variables with the contract's apps", () => {
    const all = { ...sharedEnv, ...webEnv, ...apiEnv };
    const appOf = (name: keyof typeof all) => docOf(name, all[name]).app;
    expect(appOf("WEB_URL")).toBe("both");
    expect(appOf("API_PORT")).toBe("both");
    expect(appOf("BETTER_AUTH_SECRET")).toBe("web");
    expect(appOf("JWT_ALGORITHM")).toBe("both");
    expect(appOf("JWT_TTL_SECONDS")).toBe("web");
    expect(appOf("DPOP_MODE")).toBe("api");
    expect(appOf("TRUSTED_PROXIES")).toBe("web");
    expect(appOf("DATABASE_URL")).toBe("both");
    expect(appOf("REDIS_URL")).toBe("both");
    expect(appOf("LOG_LEVEL")).toBe("both");
  });
});

describe("DPOP_MODE", () => {
  it("defaults to allowed and takes required or off", () => {
    expect(parseEnv(apiEnv, {}).DPOP_MODE).toBe("allowed");
    expect(parseEnv(apiEnv, { DPOP_MODE: "required" }).DPOP_MODE).toBe("required");
    expect(parseEnv(apiEnv, { DPOP_MODE: "off" }).DPOP_MODE).toBe("off");
    expect(() => parseEnv(apiEnv, { DPOP_MODE: "on" })).toThrow(/DPOP_MODE: /);
  });
});
