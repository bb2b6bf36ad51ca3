// Errors that mean "the database cannot serve right now", not "this request is
// wrong" or "our code is broken": the api answers 503 with Retry-After, so a
// client retries instead of reporting a bug or signing its user out.

// SQLite result codes (better-sqlite3 puts the extended name in `code`).
const UNAVAILABLE_CODE =
  /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

// A closed handle: Kysely after destroy(), better-sqlite3 after close().
const CLOSED_HANDLE = ["driver has already been destroyed", "The database connection is not open"];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = "code" in error && typeof error.code === "string" ? error.code : "";
  return UNAVAILABLE_CODE.test(code) || CLOSED_HANDLE.includes(error.message);
}
