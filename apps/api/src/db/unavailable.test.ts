import net from "node:net";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable.js";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

/** A PostgreSQL pool as connect.ts builds it, pointed at `port` on this machine. */
function poolAt(port: number) {
  const pool = new pg.Pool({
    host: "127.0.0.1",
    port,
    user: "postgres",
    connectionTimeoutMillis: 300,
  });
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}

async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("isDatabaseUnavailable", () => {
  it.each([
    "SQLITE_BUSY",
    "SQLITE_LOCKED_SHAREDCACHE",
    "SQLITE_IOERR_WRITE",
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "08006",
    "08001",
    "53300",
    "57P01",
    "57P02",
    "57P03",
    "57014",
    "55P03",
    "40P01",
    "3D000",
  ])("treats code %s as an outage (503)", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each([
    "SQLITE_CONSTRAINT_PRIMARYKEY",
    "SQLITE_ERROR",
    "23505",
    "22021",
    "42P01",
    "42601",
    "55000",
  ])("treats code %s as a bug or a bad request, not an outage", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it.each([
    "driver has already been destroyed",
    "Connection terminated unexpectedly",
    "Connection terminated due to connection timeout",
    "timeout exceeded when trying to connect",
    'database "taskgate" is not currently accepting connections',
  ])("treats %j as an outage", (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it("looks inside an AggregateError and a cause", () => {
    const refused = withCode("ECONNREFUSED");
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("recognises a real refused connection from pg", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    await new Promise((resolve) => probe.close(resolve));
    const db = poolAt(address.port);
    const error = await errorOf(() => sql`select 1`.execute(db));
    await db.destroy();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("recognises pg's connect timeout against a server that never answers", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const db = poolAt(address.port);
    const error = await errorOf(() => sql`select 1`.execute(db));
    await db.destroy();
    silent.close();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
