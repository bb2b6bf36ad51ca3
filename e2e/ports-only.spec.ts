import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { freePortsSync } from "./support/free-ports";

// The done-criterion of one configuration: `WEB_PORT=… API_PORT=… npm start`
// and nothing else gives a working system at those ports. A second system is
// started with `node scripts/start.mjs` and an environment holding only the
// two ports (plus PATH, HOME and a fresh DATA_DIR so it never touches ./data);
// every other address must be derived. The suite's webServer has built both
// apps, so this start builds nothing.

const root = fileURLToPath(new URL("..", import.meta.url));

const decodeClaims = (token: string): Record<string, unknown> => {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
};

test.describe("WEB_PORT and API_PORT alone", () => {
  let child: ChildProcess | undefined;
  let dataDir = "";
  let web = "";
  let api = "";
  const output: string[] = [];
  // Per stream too: chunks of stdout and stderr interleave in `output`.
  const streams = { stdout: "", stderr: "" };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const [webPort, apiPort] = freePortsSync(2);
    web = `http://localhost:${webPort}`;
    api = `http://localhost:${apiPort}`;
    dataDir = mkdtempSync(join(tmpdir(), "taskgate-ports-only-"));
    child = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        WEB_PORT: String(webPort),
        API_PORT: String(apiPort),
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const name of ["stdout", "stderr"] as const) {
      child[name]?.on("data", (chunk) => {
        output.push(String(chunk));
        streams[name] += String(chunk);
      });
    }
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const ready = await fetch(`${api}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((done) => setTimeout(done, 500));
    }
    throw new Error(`the system did not become ready:\n${output.join("").slice(-4000)}`);
  });

  test.afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("sign-up, token, api, tasks, and a sign-out the api then refuses", async () => {
    expect(output.join("")).toContain(web);
    expect(output.join("")).toContain(api);

    // Sign-up on the moved web app: its origin is Better Auth's trusted origin.
    const email = `ports-${randomUUID().slice(0, 8)}@example.test`;
    const signUp = await fetch(`${web}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: web },
      body: JSON.stringify({ name: "Ports Only", email, password: `pw-${randomUUID()}` }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");

    // A token whose issuer and audience are the derived URLs.
    const tokenResponse = await fetch(`${web}/api/auth/token`, { headers: { cookie } });
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const claims = decodeClaims(token);
    expect(claims.iss).toBe(web);
    expect(claims.aud).toBe(api);

    // The api verifies it against the moved JWKS and lets the web origin in.
    const auth = { authorization: `Bearer ${token}` };
    const protectedResponse = await fetch(`${api}/api/protected`, {
      headers: { ...auth, origin: web },
    });
    expect(protectedResponse.status).toBe(200);
    expect(protectedResponse.headers.get("access-control-allow-origin")).toBe(web);
    const { user_id: userId } = (await protectedResponse.json()) as { user_id: string };
    expect(userId).toBe(claims.sub);

    const created = await fetch(`${api}/api/${userId}/tasks`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "moved with two variables" }),
    });
    expect(created.status).toBe(201);
    const list = await fetch(`${api}/api/${userId}/tasks`, { headers: auth });
    const { items } = (await list.json()) as { items: { title: string }[] };
    expect(items.map((task) => task.title)).toEqual(["moved with two variables"]);

    // Sign-out: the api learns it from the moved revocation feed (bound 5 s).
    const signOut = await fetch(`${web}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie, origin: web, "content-type": "application/json" },
      body: "{}",
    });
    expect(signOut.status).toBe(200);
    await expect
      .poll(async () => (await fetch(`${api}/api/protected`, { headers: auth })).status, {
        timeout: 10_000,
        intervals: [250],
      })
      .toBe(401);
  });
  // Last: stops the system. Both services drain, close their databases and
  // exit 0, and the start wrapper exits 0 only when both did (issue 17).
  test("SIGTERM stops npm start cleanly: both services exit 0, and so does the wrapper", async () => {
    test.setTimeout(60_000);
    const running = child;
    if (!running) throw new Error("the system is not running");
    const exited = new Promise<number | null>((done) => running.once("exit", (code) => done(code)));
    running.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output.join("")).not.toContain("stopped uncleanly");
    await expect(fetch(`${api}/health`)).rejects.toThrow();
  });

  // Issue 13: every line a production `npm start` prints, from the wrapper and
  // both services, is one JSON object naming its service (no prefixes, no
  // plain-text banners), from start-up to shutdown.
  test("L22: every line npm start printed is one JSON object naming its service", () => {
    const lines = `${streams.stdout}\n${streams.stderr}`.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    const services = new Set<string>();
    for (const line of lines) {
      let entry: { service?: unknown };
      try {
        entry = JSON.parse(line);
      } catch {
        throw new Error(`not one JSON object: ${line}`);
      }
      expect(["start", "web", "api"]).toContain(entry.service);
      services.add(String(entry.service));
    }
    expect([...services].sort()).toEqual(["api", "start", "web"]);
  });
});
