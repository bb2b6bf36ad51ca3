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
