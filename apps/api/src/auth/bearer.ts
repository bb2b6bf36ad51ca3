import { TokenError } from "./errors.js";
import { MAX_TOKEN_LENGTH } from "./verify-token.js";

// Exactly "Bearer <token>" (RFC 6750 §2.1): one space, no extra whitespace,
// scheme case-insensitive. Tokens are read from this header only, never from
// the query string, so they cannot leak through URLs and access logs.
const BEARER = /^Bearer ([^\s]+)$/i;
const MAX_HEADER_LENGTH = MAX_TOKEN_LENGTH + "Bearer ".length;

/** Extracts the token from an Authorization header value, or throws TokenError. */
export function parseBearer(header: string | string[] | undefined): string {
  if (Array.isArray(header)) throw new TokenError("TOKEN_MALFORMED");
  if (header === undefined || header.length === 0) throw new TokenError("TOKEN_MISSING");
  if (header.length > MAX_HEADER_LENGTH) throw new TokenError("TOKEN_MALFORMED");
  const match = BEARER.exec(header);
  if (match?.[1] === undefined) throw new TokenError("TOKEN_MALFORMED");
  return match[1];
}

/**
 * Every Authorization value the client sent. Node keeps only the first of
 * duplicated Authorization headers in `headers`, so a second one would be
 * silently ignored; two values come back as an array, which parseBearer refuses.
 */
export function authorizationValues(rawHeaders: readonly string[]): string | string[] | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === "authorization") values.push(rawHeaders[i + 1] ?? "");
  }
  return values.length > 1 ? values : values[0];
}
