import type { FastifyInstance } from "fastify";

// pino levels at which an info line is written.
const LOGS_INFO = new Set(["trace", "debug", "info"]);

/**
 * One line per request (Fastify's own two lines are disabled); request_id
 * comes from the child logger. A refused request (http/refusal.ts) is that
 * same one line, at warn or error, carrying the refusal's event and reason and
 * the client address: a flood of bad tokens grows the log by one short line
 * per request, not two.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.decorateRequest("refusal", null);
  // Callback style (no promise per request), and nothing is built when the
  // level drops the line (the benchmark and many deployments run at warn).
  app.addHook("onResponse", (request, reply, done) => {
    const refusal = request.refusal;
    if (refusal !== null) {
      request.log[refusal.level](
        {
          event: refusal.event,
          ...(refusal.reason !== undefined && { reason: refusal.reason }),
          method: request.method,
          route: request.routeOptions.url ?? null,
          status: reply.statusCode,
          duration_ms: Math.round(reply.elapsedTime * 100) / 100,
          ip: request.ip,
          ...(request.user && { user_id: request.user.id }),
        },
        refusal.msg,
      );
      done();
      return;
    }
    if (!LOGS_INFO.has(request.log.level)) {
      done();
      return;
    }
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
    done();
  });
}
