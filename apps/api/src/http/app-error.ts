import type { ErrorCode, FieldError } from "@taskgate/contracts/problem";

export interface AppErrorOptions {
  errors?: FieldError[];
  /** Response headers the error implies, e.g. WWW-Authenticate or Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one server-side error type: rendered as problem+json by the error handler. */
export class AppError extends Error {
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    options: AppErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = "AppError";
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}
