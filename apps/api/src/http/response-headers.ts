import type { FastifyInstance } from "fastify";

/** Headers every response carries, errors and preflights included. */
export function registerResponseHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    // Responses are per-user and may follow an Authorization header: never cache them.
    reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
    reply.header("content-security-policy", "frame-ancestors 'none'");
    return payload;
  });
}
