import type { FastifyInstance } from "fastify";

/**
 * Responses are per-user and may follow an Authorization header: never cached,
 * never sniffed into another type, never framed.
 */
export const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "content-security-policy": "frame-ancestors 'none'",
} as const;

/** Headers every response carries, errors and preflights included. */
export function registerResponseHeaders(app: FastifyInstance): void {
  // Callback style, not async: no promise and no extra microtask per response.
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    reply.header("cache-control", SECURITY_HEADERS["cache-control"]);
    reply.header("x-content-type-options", SECURITY_HEADERS["x-content-type-options"]);
    reply.header("content-security-policy", SECURITY_HEADERS["content-security-policy"]);
    done(null, payload);
  });
}
