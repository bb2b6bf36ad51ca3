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
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
}
