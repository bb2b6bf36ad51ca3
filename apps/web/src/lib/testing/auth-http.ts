import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Auth, closeAuth, createAuth } from "../auth.server";
import { handleAuthRequest } from "../auth-handler.server";
import { parseConfig } from "../config.server";
import { migrate } from "../db/migrate.server";

// Drives a real Better Auth over its HTTP handler (rate limits, origin checks
// and cookies included) on a temporary SQLite database.

export const TEST_SECRET = "k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa-test-only";
export const PASSWORD = "correct horse battery";

export type TestAuth = {
  auth: Auth;
  baseUrl: string;
  dataDir: string;
  /** Closes the database and Redis handles and removes the data directory. */
  dispose: () => Promise<void>;
};

/** A migrated auth instance on a fresh (or the given) data directory. */
export async function startAuth(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TestAuth> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "taskgate-web-auth-"));
  const config = parseConfig({ DATA_DIR: dir, ...env }, dir);
  const auth = createAuth(config, TEST_SECRET);
  await migrate(auth);
  return {
    auth,
    baseUrl: config.baseUrl,
    dataDir: dir,
    dispose: async () => {
      await closeAuth(auth);
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Call = {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

/** One request to `/api/auth<path>`, as a browser or client would send it. */
export function call(t: TestAuth, path: string, { method, body, headers }: Call = {}) {
  const init: RequestInit = { method: method ?? (body === undefined ? "GET" : "POST"), headers };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "content-type": "application/json", ...headers };
  }
  return handleAuthRequest(t.auth, new Request(`${t.baseUrl}/api/auth${path}`, init));
}

/** The `name=value` pairs of every Set-Cookie, ready for a Cookie header. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

/** Headers of a same-origin browser request carrying the session cookie. */
export function sameOrigin(t: TestAuth, cookie: string): Record<string, string> {
  return { cookie, origin: t.baseUrl };
}

export async function signUp(t: TestAuth, email: string, password = PASSWORD) {
  return call(t, "/sign-up/email", { body: { name: "Test User", email, password } });
}

export async function signIn(t: TestAuth, email: string, password = PASSWORD) {
  return call(t, "/sign-in/email", { body: { email, password } });
}

/** Signs a new user up and returns the session cookie. */
export async function newSession(t: TestAuth, email: string, password = PASSWORD) {
  const response = await signUp(t, email, password);
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status}`);
  return cookieHeader(response);
}
