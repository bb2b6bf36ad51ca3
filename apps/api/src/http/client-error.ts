import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { Problem } from "@taskgate/contracts/problem";
import type { FastifyBaseLogger } from "fastify";
import { PROBLEM_CONTENT_TYPE } from "./error-handler.js";
import { SECURITY_HEADERS } from "./response-headers.js";

// Requests Node's HTTP parser refuses before Fastify sees them (a 1 MB header,
// a broken request line): Fastify's default answers bare JSON without our
// headers. Same problem+json shape and headers as every other error instead.

const PARSER_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: "The request headers are too large" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: "The request took too long to arrive" },
};

export function createClientErrorHandler(log: FastifyBaseLogger) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const { status, detail } = PARSER_ERRORS[error.code ?? ""] ?? {
      status: 400,
      detail: "The request is malformed",
    };
    const requestId = randomUUID();
    log.warn(
      {
        event: "http.client_error",
        code: error.code ?? null,
        status,
        request_id: requestId,
        // The socket's peer: no request was parsed, so no proxy header either.
        ip: socket.remoteAddress ?? null,
      },
      "request refused by the HTTP parser",
    );
    const body: Problem = {
      type: "about:blank",
      title: STATUS_CODES[status] ?? "Error",
      status,
      detail,
      code: "BAD_REQUEST",
      request_id: requestId,
    };
    const text = JSON.stringify(body);
    const headers = {
      "content-type": PROBLEM_CONTENT_TYPE,
      "content-length": String(Buffer.byteLength(text)),
      "x-request-id": requestId,
      ...SECURITY_HEADERS,
      connection: "close",
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    if (socket.writable)
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join("")}\r\n${text}`);
    socket.destroy(error);
  };
}
