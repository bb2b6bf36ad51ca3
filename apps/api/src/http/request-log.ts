import type { FastifyInstance } from "fastify";

/** One line per request (Fastify's own two lines are disabled); request_id comes from the child logger. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        event: "http.request",
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        ...(request.user && { user_id: request.user.id }),
      },
      "request completed",
    );
  });
}
