import { createAuthClient } from "better-auth/react";

type AuthClient = ReturnType<typeof createAuthClient>;
let client: AuthClient | undefined;

/**
 * The browser's Better Auth client, same origin as the page. Created on first
 * use (in an event handler or effect), never during a server render.
 */
export function getAuthClient(): AuthClient {
  client ??= createAuthClient({ baseURL: window.location.origin });
  return client;
}
