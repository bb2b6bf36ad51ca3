import { parseConfig } from "../../server/config.server";
import { type Auth, type CreateAuthOptions, closeAuth, createAuth } from "../auth.server";
import { migrate } from "../database/migrate.server";
import { handleAuthRequest } from "../http/auth-handler.server";
import { createStore, type Engine, TEST_SECRET, type TestStore } from "./databases";

// Drives a real Better Auth over its HTTP handler (rate limits, origin checks
// and cookies included) on a temporary SQLite or PostgreSQL database.

export { TEST_SECRET };
export const PASSWORD = "correct horse battery";

export type TestAuth = {
  auth: Auth;
  baseUrl: string;
  store: TestStore;
  /** Closes the database and Redis handles; drops the store unless it was shared. */
  dispose: () => Promise<void>;
};

/**
 * A migrated auth instance on a fresh store of `engine`, or on `shared` (a
 * store several instances use; its owner disposes of it).
 */
export async function startAuth(
  engine: Engine,
  env: Record<string, string> = {},
  shared?: TestStore,
  options: CreateAuthOptions = {},
): Promise<TestAuth> {
  const store = shared ?? (await createStore(engine));
  let auth: Auth | undefined;
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig({ ...store.env, ...env }, store.env.DATA_DIR ?? "");
    auth = createAuth(config, TEST_SECRET, options);
    await migrate(auth);
  } catch (error) {
    if (auth) await closeAuth(auth);
    if (!shared) await store.dispose();
    throw error;
  }
  return {
    auth,
    baseUrl: config.baseUrl,
    store,
    dispose: async () => {
      await closeAuth(auth);
      if (!shared) await store.dispose();
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
