import { ApiError, INVALID_RESPONSE, NETWORK_ERROR } from "./api-error";

// zod reaches the browser with the first token request, not with the page:
// the parsers load while the request is in flight.
const loadParsers = () =>
  Promise.all([import("@taskgate/contracts/token"), import("./decode-expiry")]);

/** Refresh this long before `exp`, so a token never expires in flight. */
export const REFRESH_MARGIN_MS = 60_000;

export type TokenProvider = {
  /** A token valid for at least REFRESH_MARGIN_MS, fetched only when needed. */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Forget the token (sign-out); a fetch in flight is not reused either. */
  clear(): void;
};

type CachedToken = { token: string; refreshAtMs: number };

/**
 * Keeps the api token in memory only (never in storage the page can read) and
 * lets concurrent callers share a single request to the token endpoint.
 */
export function createTokenProvider(
  options: { tokenUrl?: string; fetch?: typeof fetch } = {},
): TokenProvider {
  const tokenUrl = options.tokenUrl ?? "/api/auth/token";
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let cached: CachedToken | null = null;
  let inFlight: Promise<string> | null = null;
  // Bumped on clear(), so a fetch started before sign-out cannot refill the cache.
  let generation = 0;

  async function fetchToken(forGeneration: number): Promise<string> {
    const parsers = loadParsers();
    // Awaited only after a good answer; a failure before that must not go unhandled.
    parsers.catch(() => undefined);
    let response: Response;
    try {
      response = await doFetch(tokenUrl, { credentials: "include", cache: "no-store" });
    } catch (cause) {
      throw new ApiError({
        status: 0,
        code: NETWORK_ERROR,
        detail: "Cannot reach the sign-in service",
        cause,
      });
    }
    if (!response.ok) {
      throw new ApiError({
        status: response.status,
        code: response.status === 401 ? "UNAUTHENTICATED" : "TOKEN_UNAVAILABLE",
        detail: response.status === 401 ? "Not signed in" : "Could not get an access token",
      });
    }
    const [body, [{ TokenResponseSchema }, { decodeExpiry }]] = await Promise.all([
      response.json().catch((): unknown => null),
      parsers,
    ]);
    const parsed = TokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: INVALID_RESPONSE,
        detail: "Malformed token response",
      });
    }
    const { token } = parsed.data;
    const exp = decodeExpiry(token);
    // A token without a readable exp is used once and never cached.
    const refreshAtMs = exp === null ? 0 : exp * 1000 - REFRESH_MARGIN_MS;
    if (forGeneration === generation) cached = { token, refreshAtMs };
    return token;
  }

  return {
    getToken({ forceRefresh = false } = {}) {
      if (!forceRefresh && cached && Date.now() < cached.refreshAtMs) {
        return Promise.resolve(cached.token);
      }
      if (forceRefresh) cached = null;
      if (!inFlight) {
        const started = fetchToken(generation);
        inFlight = started;
        const release = () => {
          if (inFlight === started) inFlight = null;
        };
        started.then(release, release);
      }
      return inFlight;
    },
    clear() {
      generation += 1;
      cached = null;
      inFlight = null;
    },
  };
}
