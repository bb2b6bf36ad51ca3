import { describe, expect, it } from "vitest";
import { contradictions, deriveAddresses } from "./addresses";
import { ConfigError, parseEnv, resolveAddresses } from "./parse";
import { addressEnv } from "./shared";

/** The addresses of a raw environment, as both apps compute them. */
const addressesOf = (env: Record<string, string>) => resolveAddresses(parseEnv(addressEnv, env));

/** The contradiction messages of a raw environment (empty when it is consistent). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    addressesOf(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("deriveAddresses", () => {
  it("derives every address from the defaults on an empty environment", () => {
    expect(addressesOf({})).toEqual({
      webUrl: "http://localhost:3000",
      apiUrl: "http://localhost:8000",
      webPort: 3000,
      apiPort: 8000,
      betterAuthUrl: "http://localhost:3000",
      trustedOrigins: ["http://localhost:3000"],
      browserApiUrl: "http://localhost:8000",
      serverApiUrl: "http://localhost:8000",
      issuer: "http://localhost:3000",
      audience: "http://localhost:8000",
      jwksUrl: "http://localhost:3000/api/auth/jwks",
      revocationsUrl: "http://localhost:3000/api/auth/revocations",
      corsOrigins: ["http://localhost:3000"],
    });
  });

  it("moves every address with WEB_PORT and API_PORT alone", () => {
    expect(addressesOf({ WEB_PORT: "3300", API_PORT: "8300" })).toEqual({
      webUrl: "http://localhost:3300",
      apiUrl: "http://localhost:8300",
      webPort: 3300,
      apiPort: 8300,
      betterAuthUrl: "http://localhost:3300",
      trustedOrigins: ["http://localhost:3300"],
      browserApiUrl: "http://localhost:8300",
      serverApiUrl: "http://localhost:8300",
      issuer: "http://localhost:3300",
      audience: "http://localhost:8300",
      jwksUrl: "http://localhost:3300/api/auth/jwks",
      revocationsUrl: "http://localhost:3300/api/auth/revocations",
      corsOrigins: ["http://localhost:3300"],
    });
  });

  it("derives everything from WEB_URL and API_URL on a real domain, listening on the default ports", () => {
    const a = addressesOf({
      WEB_URL: "https://app.example.com/",
      API_URL: "https://api.example.com",
    });
    expect(a).toMatchObject({
      webUrl: "https://app.example.com",
      apiUrl: "https://api.example.com",
      webPort: 3000,
      apiPort: 8000,
      issuer: "https://app.example.com",
      audience: "https://api.example.com",
      jwksUrl: "https://app.example.com/api/auth/jwks",
      revocationsUrl: "https://app.example.com/api/auth/revocations",
      corsOrigins: ["https://app.example.com"],
      browserApiUrl: "https://api.example.com",
      serverApiUrl: "https://api.example.com",
      betterAuthUrl: "https://app.example.com",
    });
  });

  it("sends the web server's own api calls to API_INTERNAL_URL, and the browser's still to API_URL", () => {
    const a = addressesOf({
      WEB_URL: "https://app.example.com",
      API_URL: "https://api.example.com",
      API_INTERNAL_URL: "http://api:8000/",
    });
    expect(a.serverApiUrl).toBe("http://api:8000");
    expect(a.browserApiUrl).toBe("https://api.example.com");
    // The token's audience stays the public URL: the api checks it, whichever way it is reached.
    expect(a.audience).toBe("https://api.example.com");
  });

  it("refuses an API_INTERNAL_URL that is not an http(s) URL", () => {
    expect(() => addressesOf({ API_INTERNAL_URL: "api:8000" })).toThrow(/API_INTERNAL_URL/);
  });

  it("takes the listen port from a URL that names one", () => {
    const a = addressesOf({ WEB_URL: "http://localhost:3400", API_URL: "http://127.0.0.1:8400" });
    expect([a.webPort, a.apiPort]).toEqual([3400, 8400]);
  });

  it("keeps explicit overrides that agree, and an internal JWKS_URL with its feed beside it", () => {
    const a = addressesOf({
      WEB_URL: "https://app.example.com",
      API_URL: "https://api.example.com",
      BETTER_AUTH_URL: "https://app.example.com",
      JWT_ISSUER: "https://app.example.com",
      JWT_AUDIENCE: "taskgate-api",
      JWKS_URL: "http://web:3000/api/auth/jwks",
      CORS_ORIGINS: "https://app.example.com,https://admin.example.com",
      NEXT_PUBLIC_API_URL: "https://api.example.com",
    });
    expect(a.audience).toBe("taskgate-api");
    expect(a.jwksUrl).toBe("http://web:3000/api/auth/jwks");
    expect(a.revocationsUrl).toBe("http://web:3000/api/auth/revocations");
    expect(a.corsOrigins).toEqual(["https://app.example.com", "https://admin.example.com"]);
  });

  it("keeps the old explicit settings of the end-to-end suite consistent", () => {
    const web = "http://localhost:3100";
    const api = "http://localhost:8100";
    const env = {
      WEB_PORT: "3100",
      API_PORT: "8100",
      BETTER_AUTH_URL: web,
      NEXT_PUBLIC_API_URL: api,
      JWT_ISSUER: web,
      JWT_AUDIENCE: api,
      JWKS_URL: `${web}/api/auth/jwks`,
      CORS_ORIGINS: web,
    };
    expect(problemsOf(env)).toEqual([]);
  });

  it("is pure: the same input gives the same addresses and no problem", () => {
    const input = { WEB_PORT: 3300, API_PORT: 8300 };
    const a = deriveAddresses(input);
    expect(deriveAddresses(input)).toEqual(a);
    expect(contradictions(input, a)).toEqual([]);
  });
});

describe("contradictions stop start-up, naming both variables", () => {
  const names = (problem: string | undefined) => problem?.split(":")[0];

  it("an issuer that is not the web URL: JWT_ISSUER and WEB_URL", () => {
    const problems = problemsOf({ WEB_PORT: "3300", JWT_ISSUER: "http://localhost:3000" });
    expect(problems).toHaveLength(1);
    expect(names(problems[0])).toBe("JWT_ISSUER contradicts WEB_URL (from WEB_PORT)");
    expect(problems[0]).toContain("http://localhost:3300");
  });

  it("an audience equal to the issuer: JWT_AUDIENCE and WEB_URL", () => {
    const problems = problemsOf({ JWT_AUDIENCE: "http://localhost:3000/" });
    expect(names(problems[0])).toBe("JWT_AUDIENCE contradicts WEB_URL (default)");
  });

  it("an audience equal to an explicit issuer: JWT_AUDIENCE and JWT_ISSUER", () => {
    const problems = problemsOf({
      WEB_URL: "https://app.example.com",
      JWT_ISSUER: "https://app.example.com",
      JWT_AUDIENCE: "https://app.example.com",
    });
    expect(problems.map(names)).toEqual(["JWT_AUDIENCE contradicts JWT_ISSUER"]);
  });

  it("the api at the web app's URL: API_URL and WEB_URL", () => {
    const problems = problemsOf({
      WEB_URL: "https://app.example.com",
      API_URL: "https://app.example.com",
    });
    expect(problems.map(names)).toEqual(["API_URL contradicts WEB_URL"]);
  });

  it("a CORS list without the web origin: CORS_ORIGINS and WEB_URL", () => {
    const problems = problemsOf({ WEB_PORT: "3300", CORS_ORIGINS: "http://localhost:3000" });
    expect(problems.map(names)).toEqual(["CORS_ORIGINS contradicts WEB_URL (from WEB_PORT)"]);
  });

  it("Better Auth's base URL elsewhere: BETTER_AUTH_URL and WEB_URL", () => {
    const problems = problemsOf({
      WEB_URL: "https://app.example.com",
      BETTER_AUTH_URL: "https://old.example.com",
    });
    expect(problems.map(names)).toEqual(["BETTER_AUTH_URL contradicts WEB_URL"]);
  });

  it("a deployment that set only BETTER_AUTH_URL is told to set WEB_URL", () => {
    const [problem] = problemsOf({ BETTER_AUTH_URL: "https://app.example.com" });
    expect(names(problem)).toBe("BETTER_AUTH_URL contradicts WEB_URL (default)");
    expect(problem).toContain("set WEB_URL");
  });

  it("the browser's api URL elsewhere: NEXT_PUBLIC_API_URL and API_URL", () => {
    const problems = problemsOf({ API_PORT: "8300", NEXT_PUBLIC_API_URL: "http://localhost:8000" });
    expect(problems.map(names)).toEqual([
      "NEXT_PUBLIC_API_URL contradicts API_URL (from API_PORT)",
    ]);
  });

  it("an instance may listen on another port than its public URL names (several behind one URL)", () => {
    expect(problemsOf({ WEB_URL: "http://localhost:3000", WEB_PORT: "3300" })).toEqual([]);
    expect(addressesOf({ WEB_URL: "http://localhost:3000", WEB_PORT: "3300" }).webPort).toBe(3300);
  });

  it("a public URL may name another port than the one behind the proxy", () => {
    expect(problemsOf({ WEB_URL: "https://app.example.com:8443", WEB_PORT: "3000" })).toEqual([]);
  });

  it("both services on one local port: API_PORT and WEB_PORT", () => {
    const problems = problemsOf({ WEB_PORT: "4000", API_PORT: "4000" });
    expect(problems.map(names)).toContain("API_PORT contradicts WEB_PORT");
  });

  it("reports every contradiction at once", () => {
    const problems = problemsOf({
      WEB_PORT: "3300",
      JWT_ISSUER: "http://localhost:3000",
      CORS_ORIGINS: "http://localhost:3000",
      BETTER_AUTH_URL: "http://localhost:3000",
    });
    expect(problems.map(names).sort()).toEqual([
      "BETTER_AUTH_URL contradicts WEB_URL (from WEB_PORT)",
      "CORS_ORIGINS contradicts WEB_URL (from WEB_PORT)",
      "JWT_ISSUER contradicts WEB_URL (from WEB_PORT)",
    ]);
  });
});

describe("address values", () => {
  const badValue = (env: Record<string, string>) => {
    try {
      parseEnv(addressEnv, env);
      return undefined;
    } catch (error) {
      return error instanceof ConfigError ? error.problems : undefined;
    }
  };

  it.each([
    ["WEB_URL", "ftp://app.example.com"],
    ["WEB_URL", "https://app.example.com/app"],
    ["API_URL", "localhost:8000"],
    ["WEB_PORT", "http"],
    ["API_PORT", "70000"],
    ["CORS_ORIGINS", "*"],
    ["JWKS_URL", "not a url"],
  ])("refuses %s=%s naming the variable", (name, value) => {
    expect(badValue({ [name]: value })?.[0]).toMatch(new RegExp(`^${name}: `));
  });
});
