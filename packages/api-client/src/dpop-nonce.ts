import type { HTTPError } from "ky";

// ky's errors are told apart by name, not instanceof (see ./to-api-error).
const isHttpError = (error: unknown): error is HTTPError =>
  error instanceof Error && error.name === "HTTPError" && "response" in error;

/**
 * Whether a failure is the api's DPoP nonce challenge (RFC 9449 §8): a 401
 * with `WWW-Authenticate: DPoP error="use_dpop_nonce"` and a `DPoP-Nonce`
 * header (which the client has already stored from the response).
 */
export function nonceChallenge(error: unknown): boolean {
  if (!isHttpError(error)) return false;
  const { status, headers } = error.response;
  if (status !== 401 || !headers.has("dpop-nonce")) return false;
  return /\bDPoP\b[\s\S]*error="use_dpop_nonce"/i.test(headers.get("www-authenticate") ?? "");
}
