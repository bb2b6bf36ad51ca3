import type { FastifyCorsOptions } from "@fastify/cors";

/** Exact-match origin allowlist; other origins get no CORS headers at all. */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  return {
    origin: [...origins],
    // Bearer tokens, not cookies: the browser never needs to send credentials.
    credentials: false,
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    // DPoP: the proof header of sender-constrained tokens (RFC 9449);
    // If-None-Match: revalidating the task list and a task (decision 050).
    allowedHeaders: [
      "Authorization",
      "DPoP",
      "Content-Type",
      "Idempotency-Key",
      "If-None-Match",
      "x-request-id",
    ],
    // WWW-Authenticate: a client tells a bad proof (invalid_dpop_proof) from a bad token.
    exposedHeaders: [
      "x-request-id",
      "Location",
      "Retry-After",
      "WWW-Authenticate",
      "DPoP-Nonce",
      "ETag",
    ],
    maxAge: 600,
  };
}
