import { type ApiClient, createApiClient, type RequestLogEntry } from "@taskgate/api-client/client";
import { forgetCredentials, getTokenProvider } from "./api-token";
import { redirectToSignIn } from "./redirect-to-sign-in";

// One client per page load. Only call getApiClient from effects, event
// handlers and query functions: during a server render this module is shared
// by every request.
let apiClient: ApiClient | undefined;

// Development only: production consoles stay quiet. The entry carries no
// headers, so the token cannot end up here.
function logRequest(entry: RequestLogEntry) {
  console.debug(
    `[api] ${entry.method} ${entry.path} → ${entry.status} in ${entry.durationMs} ms (request id ${entry.requestId ?? "none"})`,
  );
}

/** `apiUrl` comes from the server's run-time config, passed down as a prop. */
export function getApiClient(apiUrl: string): ApiClient {
  apiClient ??= createApiClient({
    baseUrl: apiUrl,
    tokenProvider: getTokenProvider(),
    timeoutMs: 10_000,
    // The client already tried one fresh token: the session is gone (ended
    // elsewhere), and its DPoP key goes with it. Drafts are written to
    // sessionStorage as they are typed, so leaving loses nothing.
    onUnauthorized: () => void forgetCredentials().finally(redirectToSignIn),
    ...(process.env.NODE_ENV !== "production" ? { log: logRequest } : {}),
  });
  return apiClient;
}
