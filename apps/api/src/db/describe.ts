import type { DatabaseConfig } from "../config.js";

/** Where the data lives, for logs: the SQLite file, or the server and database without credentials. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === "sqlite") return database.file;
  const url = new URL(database.url);
  return `postgres ${url.host}${url.pathname}`;
}
