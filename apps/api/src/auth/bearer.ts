import { TokenError } from "./errors.js";
import { MAX_TOKEN_LENGTH } from "./verify-token.js";

// Exactly "<scheme> <token>" (RFC 6750 §2.1, RFC 9449 §7.1): one space, no
// extra whitespace, scheme case-insensitive. Tokens are read from this header
// only, never from the query string, so they cannot leak through URLs and
// access logs.
const CREDENTIALS = /^(Bearer|DPoP) ([^\s]+)$/i;
const MAX_HEADER_LENGTH = MAX_TOKEN_LENGTH + "Bearer ".length;

/** `Bearer`: a bearer token (RFC 6750); `DPoP`: a token sent with a proof (RFC 9449). */
export type AuthScheme = "Bearer" | "DPoP";

export interface Credentials {
  scheme: AuthScheme;
  token: string;
}

/** Extracts scheme and token from an Authorization header value, or throws TokenError. */
export function parseAuthorization(header: string | string[] | undefined): Credentials {
  if (Array.isArray(header)) throw new TokenError("TOKEN_MALFORMED");
  if (header === undefined || header.length === 0) throw new TokenError("TOKEN_MISSING");
  if (header.length > MAX_HEADER_LENGTH) throw new TokenError("TOKEN_MALFORMED");
  const match = CREDENTIALS.exec(header);
  if (match?.[1] === undefined || match[2] === undefined) throw new TokenError("TOKEN_MALFORMED");
  return { scheme: match[1].toLowerCase() === "dpop" ? "DPoP" : "Bearer", token: match[2] };
}

/** Extracts the token from a `Bearer` Authorization header value, or throws TokenError. */
export function parseBearer(header: string | string[] | undefined): string {
  const { scheme, token } = parseAuthorization(header);
  if (scheme !== "Bearer") throw new TokenError("TOKEN_MALFORMED");
  return token;
}

/**
 * Every value of one header the client sent. Node keeps only the first of
 * duplicated Authorization headers in `headers` (and joins duplicated unknown
 * headers like DPoP with ", "), so a second one would be silently ignored or
 * mangled; two values come back as an array, which the callers refuse.
 */
export function headerValues(
  rawHeaders: readonly string[],
  name: string,
): string | string[] | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) values.push(rawHeaders[i + 1] ?? "");
  }
  return values.length > 1 ? values : values[0];
}

/** Every Authorization value the client sent (see headerValues). */
export const authorizationValues = (rawHeaders: readonly string[]) =>
  headerValues(rawHeaders, "authorization");
