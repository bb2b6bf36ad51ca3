import { createTokenProvider, type TokenProvider } from "@taskgate/api-client/token-provider";

// Apart from ./api-client so that pages which only forget the token (sign-out,
// the account page) do not load the whole api client with it.
let tokenProvider: TokenProvider | undefined;

/**
 * The page's one api token provider. Only call it from effects, event
 * handlers and query functions: during a server render this module is shared
 * by every request.
 */
export function getTokenProvider(): TokenProvider {
  tokenProvider ??= createTokenProvider({
    // Loaded with the first token request, not with the page.
    dpopKey: () => import("./dpop/browser-key").then(({ loadDpopKey }) => loadDpopKey()),
  });
  return tokenProvider;
}

/**
 * Ends this tab's hold on the session's credentials: the api token in memory
 * and the DPoP key in IndexedDB (sign-out, account deletion, a session ended
 * elsewhere). Awaited before the page navigates away, so the deletion is not
 * cut short.
 */
export async function forgetCredentials(): Promise<void> {
  getTokenProvider().clear();
  const { forgetDpopKey } = await import("./dpop/browser-key");
  await forgetDpopKey();
}
