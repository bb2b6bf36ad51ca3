/** A short, token-free description of a failure for logs: the message and any socket error code. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  const code = cause instanceof Error && "code" in cause ? String(cause.code) : "";
  return code ? `${error.message} (${code})` : error.message;
}
