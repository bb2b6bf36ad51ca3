#!/usr/bin/env node
// CI only: PostgreSQL and Redis must answer, so that no test that needs them
// can be skipped there (on a laptop without them, those tests say so and skip).
import { connect } from "node:net";
import pg from "pg";

const databaseUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = new URL(process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379");

async function postgres() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  await client.query("select 1");
  await client.end();
}

function redis() {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    socket.setTimeout(5000, () => socket.destroy(new Error("timed out")));
    socket.once("error", reject);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.end();
      data.toString().startsWith("+PONG") ? resolve() : reject(new Error(data.toString()));
    });
  });
}

let failed = false;
for (const [name, check] of [
  ["PostgreSQL", postgres],
  ["Redis", redis],
]) {
  try {
    await check();
    console.log(`ci: ${name} is reachable`);
  } catch (error) {
    failed = true;
    console.error(
      `ci: ${name} is not reachable: ${error instanceof Error ? error.message : error}`,
    );
  }
}
process.exit(failed ? 1 : 0);
