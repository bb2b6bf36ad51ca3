import type { FastifyCorsOptions } from "@fastify/cors";

/** Exact-match origin allowlist; other origins get no CORS headers at all. */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  return {
    origin: [...origins],
    // Bearer tokens, not cookies: the browser never needs to send credentials.
    credentials: false,
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowedHeaders: [
      "Authorization",
      "Content-Type",
      "Idempotency-Key",
      "If-None-Match",
      "x-request-id",
    ],
    exposedHeaders: ["x-request-id", "Location", "Retry-After", "ETag"],
    maxAge: 600,
  };
}
