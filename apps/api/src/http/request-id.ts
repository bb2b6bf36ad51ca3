import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

// A caller's id is kept for tracing across services only if it cannot inject
// anything into logs or headers.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function genReqId(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
