// Pure: from the two public URLs (or just the two ports) to every address the
// system uses, and the explicit values that contradict them. No zod and no
// I/O, so scripts/start.mjs can run the same derivation as both apps.

export const DEFAULT_WEB_PORT = 3000;
export const DEFAULT_API_PORT = 8000;

/** The address variables after validation (URLs already normalised to origins). */
export type AddressInput = {
  WEB_URL?: string | undefined;
  API_URL?: string | undefined;
  WEB_PORT?: number | undefined;
  API_PORT?: number | undefined;
  BETTER_AUTH_URL?: string | undefined;
  NEXT_PUBLIC_API_URL?: string | undefined;
  API_INTERNAL_URL?: string | undefined;
  JWT_ISSUER?: string | undefined;
  JWT_AUDIENCE?: string | undefined;
  JWKS_URL?: string | undefined;
  REVOCATIONS_URL?: string | undefined;
  CORS_ORIGINS?: string[] | undefined;
};

export type Addresses = {
  webUrl: string;
  apiUrl: string;
  webPort: number;
  apiPort: number;
  /** Better Auth's baseURL. */
  betterAuthUrl: string;
  /** Better Auth's trustedOrigins. */
  trustedOrigins: string[];
  /** Where the browser calls the api. */
  browserApiUrl: string;
  /** Where the web server calls the api: the public URL unless an internal one is set. */
  serverApiUrl: string;
  issuer: string;
  audience: string;
  jwksUrl: string;
  revocationsUrl: string;
  corsOrigins: string[];
};

const explicitPort = (url: string | undefined): number | undefined => {
  if (url === undefined) return undefined;
  const { port } = new URL(url);
  return port === "" ? undefined : Number(port);
};

export function deriveAddresses(input: AddressInput): Addresses {
  // The port in a URL only counts when it is written: https://app.example.com
  // behind a proxy still listens on 3000.
  const webPort = input.WEB_PORT ?? explicitPort(input.WEB_URL) ?? DEFAULT_WEB_PORT;
  const apiPort = input.API_PORT ?? explicitPort(input.API_URL) ?? DEFAULT_API_PORT;
  const webUrl = input.WEB_URL ?? `http://localhost:${webPort}`;
  const apiUrl = input.API_URL ?? `http://localhost:${apiPort}`;
  const jwksUrl = input.JWKS_URL ?? `${webUrl}/api/auth/jwks`;
  return {
    webUrl,
    apiUrl,
    webPort,
    apiPort,
    betterAuthUrl: input.BETTER_AUTH_URL ?? webUrl,
    trustedOrigins: [webUrl],
    browserApiUrl: input.NEXT_PUBLIC_API_URL ?? apiUrl,
    serverApiUrl: input.API_INTERNAL_URL ?? apiUrl,
    issuer: input.JWT_ISSUER ?? webUrl,
    audience: input.JWT_AUDIENCE ?? apiUrl,
    jwksUrl,
    // Beside the JWKS, so an internal JWKS_URL brings the feed along.
    revocationsUrl: input.REVOCATIONS_URL ?? new URL("revocations", jwksUrl).toString(),
    corsOrigins: input.CORS_ORIGINS ?? [webUrl],
  };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const isLoopback = (url: string) => LOOPBACK.has(new URL(url).hostname);

/** `http://a/` and `http://a` are the same audience to a reader, if not to jose. */
const sameAddress = (a: string, b: string): boolean => {
  const normal = (value: string) => {
    try {
      return new URL(value).href.replace(/\/$/, "");
    } catch {
      return value;
    }
  };
  return normal(a) === normal(b);
};

/**
 * Explicit values that disagree with another one. Each message names both
 * variables and says how each value came about, so the fix is obvious.
 */
export function contradictions(input: AddressInput, a: Addresses): string[] {
  const problems: string[] = [];
  const webName = input.WEB_URL
    ? "WEB_URL"
    : input.WEB_PORT !== undefined
      ? "WEB_URL (from WEB_PORT)"
      : "WEB_URL (default)";
  const apiName = input.API_URL
    ? "API_URL"
    : input.API_PORT !== undefined
      ? "API_URL (from API_PORT)"
      : "API_URL (default)";
  const clash = (
    first: string,
    firstValue: string,
    second: string,
    secondValue: string,
    why: string,
  ) =>
    problems.push(
      `${first} contradicts ${second}: ${first} is ${firstValue} but ${second} is ${secondValue}; ${why}`,
    );

  if (input.BETTER_AUTH_URL && input.BETTER_AUTH_URL !== a.webUrl) {
    clash(
      "BETTER_AUTH_URL",
      input.BETTER_AUTH_URL,
      webName,
      a.webUrl,
      "Better Auth's base URL is the web app's URL: set WEB_URL and unset BETTER_AUTH_URL.",
    );
  }
  if (input.JWT_ISSUER && input.JWT_ISSUER !== a.webUrl) {
    clash(
      "JWT_ISSUER",
      input.JWT_ISSUER,
      webName,
      a.webUrl,
      "the issuer is the web app's URL: set WEB_URL and unset JWT_ISSUER.",
    );
  }
  if (sameAddress(a.audience, a.issuer)) {
    const audienceName = input.JWT_AUDIENCE ? "JWT_AUDIENCE" : apiName;
    const issuerName = input.JWT_ISSUER ? "JWT_ISSUER" : webName;
    clash(
      audienceName,
      a.audience,
      issuerName,
      a.issuer,
      "the audience must differ from the issuer, or a token for the web app would open the api.",
    );
  } else if (a.webUrl === a.apiUrl) {
    clash(
      apiName,
      a.apiUrl,
      webName,
      a.webUrl,
      "the web app and the api are two services at two addresses.",
    );
  }
  if (input.CORS_ORIGINS && !input.CORS_ORIGINS.includes(a.webUrl)) {
    clash(
      "CORS_ORIGINS",
      input.CORS_ORIGINS.join(","),
      webName,
      a.webUrl,
      "the browser calls the api from the web app's origin: add it or unset CORS_ORIGINS.",
    );
  }
  if (input.NEXT_PUBLIC_API_URL && input.NEXT_PUBLIC_API_URL !== a.apiUrl) {
    clash(
      "NEXT_PUBLIC_API_URL",
      input.NEXT_PUBLIC_API_URL,
      apiName,
      a.apiUrl,
      "the browser calls the api at its public URL: set API_URL and unset NEXT_PUBLIC_API_URL.",
    );
  }
  if (a.webPort === a.apiPort && a.webPort !== 0 && isLoopback(a.webUrl) && isLoopback(a.apiUrl)) {
    clash(
      "API_PORT",
      String(a.apiPort),
      "WEB_PORT",
      String(a.webPort),
      "both services run on this machine and need a port each.",
    );
  }
  return problems;
}
