import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import {
  createDatabase,
  deleteRedisKeys,
  postgresProblem,
  redisKeys,
  redisProblem,
  TEST_REDIS_URL,
  type TestDatabase,
} from "./support/backing-services";
import { e2eEnv } from "./support/e2e-env";
import { freePortsSync } from "./support/free-ports";

// Several instances of each service on one PostgreSQL database and one Redis:
// two `next start` and two api processes from the production builds (the
// suite's webServer has just built them), on ports of their own. A session
// made through web 1 gets a token from web 2; both apis accept it; tasks made
// through api 1 are listed by api 2; a rate limit reached through web 1
// applies on web 2. Needs PostgreSQL and Redis; skipped, saying why, without.

const root = fileURLToPath(new URL("..", import.meta.url));
// The suite's own log file: the log audit (teardown) reads these lines too.
const { TASKGATE_LOG_FILE } = e2eEnv(process.env.E2E_DATA_DIR ?? "");
const RATE_LIMIT_MAX = 3;
const PASSWORD = `pw-${randomUUID()}`;

type Service = { name: string; url: string; child: ChildProcess; output: string[] };

function startService(
  name: string,
  url: string,
  command: string[],
  cwd: string,
  env: Record<string, string>,
): Service {
  const child = spawn(process.execPath, command, {
    cwd,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const service: Service = { name, url, child, output: [] };
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      service.output.push(line);
      if (TASKGATE_LOG_FILE && process.env.E2E_DATA_DIR) {
        appendFileSync(TASKGATE_LOG_FILE, `${line}\n`);
      }
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return service;
}

const running = (service: Service) =>
  service.child.exitCode === null && service.child.signalCode === null;

/** Resolves once `probe` answers 200; rejects with the output if the process exits first. */
async function waitUntilReady(service: Service, probe: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(service)) {
      throw new Error(`${service.name} exited:\n${service.output.slice(-15).join("\n")}`);
    }
    const ok = await fetch(`${service.url}${probe}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(
    `${service.name} not ready in ${timeoutMs} ms:\n${service.output.slice(-15).join("\n")}`,
  );
}

/** SIGTERM, then SIGKILL for whatever has not exited after `graceMs`. */
async function stopAll(services: Service[], graceMs = 10_000) {
  await Promise.all(
    services.filter(running).map(
      (service) =>
        new Promise<void>((done) => {
          const force = setTimeout(() => service.child.kill("SIGKILL"), graceMs);
          service.child.once("exit", () => {
            clearTimeout(force);
            done();
          });
          service.child.kill("SIGTERM");
        }),
    ),
  );
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

test.describe
  .serial("several instances on one PostgreSQL and one Redis", () => {
    let database: TestDatabase | undefined;
    const redisPrefix = `e2e-multi-${randomBytes(6).toString("hex")}:`;
    const dataDirs: string[] = [];
    const services: Service[] = [];
    let web1: Service;
    let web2: Service;
    let apis: Service[] = [];
    const user = { email: `multi-${randomUUID().slice(0, 8)}@example.test`, id: "", cookie: "" };
    let token = "";

    test.beforeAll(async () => {
      test.setTimeout(180_000);
      // The SQLite pass of npm test sets E2E_MULTI_INSTANCE=0: this test needs
      // PostgreSQL and Redis and runs in the PostgreSQL pass instead.
      test.skip(
        process.env.E2E_MULTI_INSTANCE === "0",
        "runs once, in the PostgreSQL pass of npm test",
      );
      // Without the services (a laptop with neither) there is nothing to test;
      // CI cannot get here: .ci/run fails first when either is unreachable.
      const missing = (await postgresProblem()) ?? (await redisProblem());
      if (missing) console.log(`[multi-instance] skipped: ${missing}`);
      test.skip(missing !== null, `needs PostgreSQL and Redis: ${missing}`);

      database = await createDatabase("e2e_multi");
      // Four distinct ports (four separate probes could be handed the same one).
      const [webPort1, webPort2, apiPort1, apiPort2] = freePortsSync(4);
      const webUrl = (port: number | undefined) => `http://localhost:${port}`;
      const issuer = webUrl(webPort1);
      const audience = "http://taskgate-api.multi.test";
      const shared = {
        DATABASE_URL: database.url,
        DB_POOL_MAX: "4",
        BETTER_AUTH_SECRET: randomBytes(24).toString("hex"),
        REVOCATION_FEED_SECRET: randomBytes(24).toString("hex"),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: redisPrefix,
        // Both webs sign with one issuer, and trust one origin: one public
        // URL for each service, whichever instance (port) serves it.
        WEB_URL: issuer,
        API_URL: `http://localhost:${apiPort1}`,
        BETTER_AUTH_URL: issuer,
        JWT_ISSUER: issuer,
        JWT_AUDIENCE: audience,
        CORS_ORIGINS: issuer,
        AUTH_RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
        AUTH_RATE_LIMIT_WINDOW_SECONDS: "60",
        TRUSTED_PROXIES: "",
        LOG_LEVEL: "info",
        JWKS_COOLDOWN_SECONDS: "2",
      };
      const dataDir = () => {
        const dir = mkdtempSync(join(tmpdir(), "taskgate-multi-"));
        dataDirs.push(dir);
        return dir;
      };
      const startWeb = (name: string, port: number | undefined) =>
        startService(
          name,
          webUrl(port),
          // The web app's own server, as npm start and the image run it.
          ["server.mjs"],
          join(root, "apps/web"),
          {
            ...shared,
            DATA_DIR: dataDir(),
            PORT: String(port),
            WEB_PORT: String(port),
            NEXT_PUBLIC_API_URL: `http://localhost:${apiPort1}`,
          },
        );
      web1 = startWeb("web1", webPort1);
      web2 = startWeb("web2", webPort2);
      services.push(web1, web2);
      // Both migrate the one fresh database at once (an advisory lock serialises them).
      await Promise.all([web1, web2].map((web) => waitUntilReady(web, "/api/auth/jwks")));

      const startApi = (name: string, port: number | undefined, jwksFrom: Service) =>
        startService(name, `http://localhost:${port}`, ["dist/main.js"], join(root, "apps/api"), {
          ...shared,
          DATA_DIR: dataDir(),
          API_PORT: String(port),
          JWKS_URL: `${jwksFrom.url}/api/auth/jwks`,
        });
      apis = [startApi("api1", apiPort1, web1), startApi("api2", apiPort2, web2)];
      services.push(...apis);
      await Promise.all(apis.map((api) => waitUntilReady(api, "/ready")));
    });

    test.afterAll(async () => {
      await stopAll(services);
      await database?.drop();
      if (database) await deleteRedisKeys(redisPrefix);
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    });

    test("a session made through web 1 gets a token from web 2, signed with keys both publish", async () => {
      const origin = web1.url;
      const signUp = await fetch(`${web1.url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ name: "Multi Instance", email: user.email, password: PASSWORD }),
      });
      expect(signUp.status).toBe(200);
      const signIn = await fetch(`${web1.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      user.id = ((await signIn.json()) as { user: { id: string } }).user.id;
      user.cookie = cookieOf(signIn);
      expect(user.cookie).toContain("session_token=");

      // The session lives in the shared database: web 2 knows it.
      const session = await fetch(`${web2.url}/api/auth/get-session`, {
        headers: { cookie: user.cookie },
      });
      expect(((await session.json()) as { user?: { id: string } }).user?.id).toBe(user.id);

      const response = await fetch(`${web2.url}/api/auth/token`, {
        headers: { cookie: user.cookie },
      });
      expect(response.status).toBe(200);
      token = ((await response.json()) as { token: string }).token;
      expect(claimsOf(token)).toMatchObject({ sub: user.id, iss: web1.url });

      // One key set, whichever instance is asked.
      const kids = async (web: Service) => {
        const body = (await (await fetch(`${web.url}/api/auth/jwks`)).json()) as {
          keys: { kid: string }[];
        };
        return body.keys.map((key) => key.kid).sort();
      };
      expect(await kids(web1)).toEqual(await kids(web2));
    });

    test("the token works on both apis, and tasks made through api 1 are listed by api 2", async () => {
      const [api1, api2] = apis as [Service, Service];
      const bearer = { authorization: `Bearer ${token}` };
      for (const api of [api1, api2]) {
        const response = await fetch(`${api.url}/api/protected`, { headers: bearer });
        expect(response.status, api.name).toBe(200);
        expect(((await response.json()) as { user_id: string }).user_id).toBe(user.id);
      }

      const titles = ["written through api 1", "also through api 1"];
      const created: string[] = [];
      for (const title of titles) {
        const response = await fetch(`${api1.url}/api/${user.id}/tasks`, {
          method: "POST",
          headers: { ...bearer, "content-type": "application/json" },
          body: JSON.stringify({ title }),
        });
        expect(response.status).toBe(201);
        created.push(((await response.json()) as { id: string }).id);
      }
      const listed = await fetch(`${api2.url}/api/${user.id}/tasks?status=all`, {
        headers: bearer,
      });
      expect(listed.status).toBe(200);
      const { items } = (await listed.json()) as { items: { id: string; title: string }[] };
      expect(items.map((task) => task.id).sort()).toEqual([...created].sort());
      expect(items.map((task) => task.title).sort()).toEqual([...titles].sort());
    });

    test("U4: a sign-in rate limit reached through web 1 applies on web 2 (counters in the shared Redis)", async () => {
      const attempt = (web: Service) =>
        fetch(`${web.url}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: web1.url },
          body: JSON.stringify({ email: user.email, password: "not the password" }),
        });
      const statuses: number[] = [];
      for (let i = 0; i <= RATE_LIMIT_MAX + 1 && statuses.at(-1) !== 429; i++) {
        statuses.push((await attempt(web1)).status);
      }
      expect(statuses.at(-1), `statuses through web 1: ${statuses.join(", ")}`).toBe(429);
      expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);

      const onWeb2 = await attempt(web2);
      expect(onWeb2.status).toBe(429);
      expect(Number(onWeb2.headers.get("x-retry-after"))).toBeGreaterThan(0);
      // The right password does not get through either, on either instance.
      const correct = await fetch(`${web2.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: web1.url },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      expect(correct.status).toBe(429);
      // The counter is in Redis under this run's prefix.
      expect((await redisKeys(redisPrefix)).some((key) => key.endsWith("/sign-in/email"))).toBe(
        true,
      );
    });
  });
