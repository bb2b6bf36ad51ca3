import type { Server } from "node:http";
import type { FastifyHttpOptions } from "fastify";
import type { Config } from "../config.js";

/** Node checks its request and headers timeouts on this period, so it adds to both bounds. */
const CHECK_INTERVAL_MAX_MS = 1000;

/**
 * Fastify and Node leave a slow client alone by default (Fastify's
 * requestTimeout and connectionTimeout are 0): a body trickling in one byte
 * every few seconds holds a connection forever. These bound it (decision 034):
 * - headers must arrive within headersTimeoutMs, the whole request within
 *   requestTimeoutMs (at most 59 s), checked every second at most, so a
 *   request still arriving is answered 408 and closed within 60 s;
 * - a socket silent for requestTimeoutMs (e.g. a client that stopped reading)
 *   is destroyed;
 * - an idle kept-alive connection closes after keepAliveTimeoutMs.
 */
export function serverTimeouts(
  http: Config["http"],
): Pick<
  FastifyHttpOptions<Server>,
  "requestTimeout" | "connectionTimeout" | "keepAliveTimeout" | "http"
> {
  const checkInterval = Math.max(
    25,
    Math.min(CHECK_INTERVAL_MAX_MS, Math.floor(http.headersTimeoutMs / 4)),
  );
  return {
    requestTimeout: http.requestTimeoutMs,
    connectionTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: {
      requestTimeout: http.requestTimeoutMs,
      headersTimeout: http.headersTimeoutMs,
      connectionsCheckingInterval: checkInterval,
    },
  };
}
