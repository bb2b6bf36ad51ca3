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
  tokenProvider ??= createTokenProvider();
  return tokenProvider;
}
