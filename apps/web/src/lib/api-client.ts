import { type ApiClient, createApiClient } from "@taskgate/api-client/client";
import { createTokenProvider, type TokenProvider } from "@taskgate/api-client/token-provider";

// One token provider and one client per page load. Only call these from
// effects and event handlers: during a server render this module is shared by
// every request.
let tokenProvider: TokenProvider | undefined;
let apiClient: ApiClient | undefined;

export function getTokenProvider(): TokenProvider {
  tokenProvider ??= createTokenProvider();
  return tokenProvider;
}

/** `apiUrl` comes from the server's run-time config, passed down as a prop. */
export function getApiClient(apiUrl: string): ApiClient {
  apiClient ??= createApiClient({ baseUrl: apiUrl, tokenProvider: getTokenProvider() });
  return apiClient;
}
