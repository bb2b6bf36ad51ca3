import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { TaskListSchema, TaskSchema } from "@taskgate/contracts/task";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  claims,
  createTestKey,
  signRaw,
  startTestServer,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestServer,
} from "../auth/testing/jwks-fixture.js";
import { createPostgresDatabase, type TestDatabase, testEngines } from "../testing/databases.js";
import { type ApiProcess, startApi } from "./api-process.js";

// "No acknowledged write is lost": a real api process, a burst of creates over
// real HTTP, and the process killed part-way (SIGKILL: no chance to clean up)
// or stopped (SIGTERM: drain, close the pool, exit 0). After a restart on the
// same data, every create that was answered 201 must be there.

const engines = await testEngines();
const BURST = 300;
const CONCURRENCY = 16;
const USER = "user-durable";

interface BurstResult {
  acknowledged: string[];
  failed: number;
  unavailable: number;
}

/** POSTs `count` creates, `CONCURRENCY` at a time; `onAck` sees each 201 as it arrives. */
async function burst(
  api: ApiProcess,
  token: string,
  count: number,
  onAck: (acknowledged: number) => void,
): Promise<BurstResult> {
  const result: BurstResult = { acknowledged: [], failed: 0, unavailable: 0 };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        const res = await fetch(`${api.url}/api/${USER}/tasks`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ title: `burst ${index}` }),
        });
        if (res.status === 201) {
          result.acknowledged.push(TaskSchema.parse(await res.json()).id);
          onAck(result.acknowledged.length);
        } else if (res.status === 503) result.unavailable += 1;
        else throw new Error(`unexpected ${res.status}: ${await res.text()}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("unexpected")) throw error;
        result.failed += 1; // the process is gone: this create was never acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return result;
}

/** A POST whose body is sent in two halves, `pause()` between them: a request surely in flight. */
function slowCreate(api: ApiProcess, token: string, title: string) {
  const body = JSON.stringify({ title });
  const half = Math.floor(body.length / 2);
  const url = new URL(`${api.url}/api/${USER}/tasks`);
  let response: Promise<{ status: number; body: string }> | undefined;
  const request = http.request(url, {
    method: "POST",
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    },
  });
  response = new Promise((resolve, reject) => {
    request.on("error", reject);
    request.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
  });
  request.write(body.slice(0, half));
  return {
    finish() {
      request.end(body.slice(half));
      return response;
    },
  };
}

/** The ids among `ids` that the api no longer lists, read page by page (100 a page). */
async function missing(api: ApiProcess, token: string, ids: string[]): Promise<string[]> {
  const stored = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? "" : `&cursor=${cursor}`;
    const res = await fetch(`${api.url}/api/${USER}/tasks?limit=100${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = TaskListSchema.parse(await res.json());
    for (const task of page.items) stored.add(task.id);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return ids.filter((id) => !stored.has(id));
}

describe.each(engines)("durability on %s", (engine) => {
  let jwks: TestServer;
  let token: string;
  let dataDir: string;
  let pgDatabase: TestDatabase | undefined;
  let env: Record<string, string>;
  const running: ApiProcess[] = [];

  beforeEach(async () => {
    const key = await createTestKey();
    jwks = await startTestServer([key.publicJwk]);
    const now = Math.floor(Date.now() / 1000);
    token = await signRaw(key, claims({ sub: USER, iat: now, exp: now + 900 }));
    dataDir = await mkdtemp(path.join(os.tmpdir(), "taskgate-durability-"));
    pgDatabase = engine === "postgres" ? await createPostgresDatabase() : undefined;
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: pgDatabase?.url ?? "",
      REVOCATION_FEED_SECRET: "durability-feed-secret-0123456789abcdef",
      JWKS_URL: jwks.url,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_ALGORITHM: "RS256",
      LOG_LEVEL: "warn",
    };
  });

  afterEach(async () => {
    for (const api of running.splice(0)) {
      api.child.kill("SIGKILL");
      await api.exited;
    }
    await jwks.close();
    await pgDatabase?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const api = await startApi(env);
    running.push(api);
    return api;
  };

  it("SIGKILL in the middle of a burst of creates loses no acknowledged task", async () => {
    const api = await start();
    const result = await burst(api, token, BURST, (acknowledged) => {
      if (acknowledged === BURST / 3) api.child.kill("SIGKILL");
    });
    expect(await api.exited).toBeNull();
    expect(result.acknowledged.length).toBeGreaterThanOrEqual(BURST / 3);
    expect(result.failed).toBeGreaterThan(0); // the kill really landed mid-burst

    const restarted = await start();
    expect(await missing(restarted, token, result.acknowledged)).toEqual([]);
  });

  it("SIGTERM drains requests in flight, refuses new connections, and exits 0", async () => {
    const api = await start();
    const inFlight = Array.from({ length: 4 }, (_, i) => slowCreate(api, token, `in flight ${i}`));
    await new Promise((resolve) => setTimeout(resolve, 300)); // their headers are parsed
    let stopped = false;
    const result = await burst(api, token, BURST, (acknowledged) => {
      if (acknowledged !== BURST / 3 || stopped) return;
      stopped = true;
      api.child.kill("SIGTERM");
    });
    expect(stopped).toBe(true);
    // The slow requests still hold the process open; a new connection is refused.
    expect(api.child.exitCode).toBeNull();
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();

    const answers = await Promise.all(inFlight.map((request) => request.finish()));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(await api.exited).toBe(0);
    expect(api.output()).not.toMatch(/drain_timeout|"level":(50|60)/);

    const restarted = await start();
    const slowIds = answers.map((answer) => TaskSchema.parse(JSON.parse(answer.body)).id);
    expect(await missing(restarted, token, [...result.acknowledged, ...slowIds])).toEqual([]);
  });
});
