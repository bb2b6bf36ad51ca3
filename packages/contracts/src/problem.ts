import { z } from "zod";
import * as wire from "./problem-wire";

export type { FieldError, Problem } from "./problem-wire";
export { FieldErrorSchema } from "./problem-wire";

/** RFC 9457 problem details, the body of every api error: ./problem-wire's fields in a full zod object. */
export const ProblemSchema = z.object(wire.ProblemSchema.shape);

/** Stable, machine-readable error codes. Clients branch on these, never on `detail`. */
export const ERROR_CODES = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  VALIDATION_FAILED: "VALIDATION_FAILED",
  /** An Idempotency-Key reused with a different request body (422). */
  IDEMPOTENCY_KEY_REUSED: "IDEMPOTENCY_KEY_REUSED",
  RATE_LIMITED: "RATE_LIMITED",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL",
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
