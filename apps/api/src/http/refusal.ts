import type { FastifyRequest } from "fastify";

/**
 * Why a request was refused, noted where the refusal happens and written by
 * the request log as the request's one line (http/request-log.ts). Never a
 * token or anything else a client sent verbatim beyond the route and address.
 */
export interface Refusal {
  level: "warn" | "error";
  /** e.g. auth.refused, auth.forbidden, rate_limit.exceeded. */
  event: string;
  /** A stable code (a TokenReason, PATH_USER_MISMATCH, CLIENT_LIMIT...). */
  reason?: string;
  msg: string;
}

declare module "fastify" {
  interface FastifyRequest {
    refusal: Refusal | null;
  }
}

export function noteRefusal(request: FastifyRequest, refusal: Refusal): void {
  request.refusal = refusal;
}
