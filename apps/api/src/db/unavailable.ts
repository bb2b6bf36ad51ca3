// Errors that mean "the database cannot serve right now", not "this request is
// wrong" or "our code is broken": the api answers 503 with Retry-After, so a
// client retries instead of reporting a bug or signing its user out.

// SQLite result codes (better-sqlite3 puts the extended name in `code`).
const SQLITE_UNAVAILABLE =
  /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

// The socket to PostgreSQL failed (node's errno codes, as pg passes them on).
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// PostgreSQL SQLSTATEs: 08 connection exception, 53 insufficient resources
// (53300 too many connections), 57P01-57P03 admin shutdown, crash shutdown,
// cannot connect now, 57014 statement timeout, 55P03 lock timeout, 40001 and
// 40P01 a serialization failure or deadlock (a retry succeeds), 3D000 the
// database is gone.
const POSTGRES_UNAVAILABLE = /^(08...|53...|57P0[123]|57014|55P03|40001|40P01|3D000)$/;

const CLOSED_OR_LOST = [
  // Kysely after destroy(), better-sqlite3 after close().
  /^driver has already been destroyed$/,
  /^The database connection is not open$/,
  // pg: the pool's connect timeout, a connection that died, a closed pool.
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  // SQLSTATE 55000 is broad; only this message of it is an outage (ALLOW_CONNECTIONS false).
  /^database ".*" is not currently accepting connections$/,
];

function codeOf(error: Error): string {
  return "code" in error && typeof error.code === "string" ? error.code : "";
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = codeOf(error);
  if (SQLITE_UNAVAILABLE.test(code) || NETWORK_CODES.has(code)) return true;
  if (POSTGRES_UNAVAILABLE.test(code)) return true;
  if (CLOSED_OR_LOST.some((pattern) => pattern.test(error.message))) return true;
  // Some drivers wrap the socket error (AggregateError from a dual-stack connect, a cause).
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
  ) {
    return true;
  }
  return isDatabaseUnavailable(error.cause, depth + 1);
}
