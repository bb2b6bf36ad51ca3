import type { FieldError } from "@taskgate/contracts/problem-wire";

/**
 * The one error type the client throws. `status` is the HTTP status, or 0 when
 * no response arrived (network down, CORS refusal, timeout, abort).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly requestId: string | null;
  readonly errors: FieldError[];

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    requestId?: string | null;
    errors?: FieldError[];
    cause?: unknown;
  }) {
    super(`${init.status} ${init.code}: ${init.detail}`, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.requestId = init.requestId ?? null;
    this.errors = init.errors ?? [];
  }
}

export const NETWORK_ERROR = "NETWORK_ERROR";
export const ABORTED = "ABORTED";
export const INVALID_RESPONSE = "INVALID_RESPONSE";
