import { ApiError, INVALID_RESPONSE, NETWORK_ERROR } from "./api-error";
import { createProof, type DpopKey, type DpopKeySource } from "./dpop";

// zod reaches the browser with the first token request, not with the page:
// the parsers load while the request is in flight.
const loadParsers = () =>
  Promise.all([import("@taskgate/contracts/token"), import("./decode-expiry")]);

/** Refresh this long before `exp`, so a token never expires in flight. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * A token and, when it is bound (its `cnf.jkt` is this key's thumbprint), the
 * key whose proofs must go with it. `key: null` is an unbound bearer token.
 */
export type AccessToken = { token: string; key: DpopKey | null };

export type TokenProvider = {
  /** A token valid for at least REFRESH_MARGIN_MS, fetched only when needed. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<AccessToken>;
  /** The token alone (see getAccessToken). */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Forget the token (sign-out); a fetch in flight is not reused either. */
  clear(): void;
};

type CachedToken = AccessToken & { refreshAtMs: number };

export const DPOP_PROOF_REFUSED = "DPOP_PROOF_REFUSED";

/** The key to bind with, or null when this runtime has none (decision 044: unbound fallback). */
async function loadKey(source: DpopKeySource | undefined): Promise<DpopKey | null> {
  if (!source) return null;
  try {
    return await source();
  } catch {
    return null;
  }
}

/**
 * Keeps the api token in memory only (never in storage the page can read) and
 * lets concurrent callers share a single request to the token endpoint.
 */
export function createTokenProvider(
  options: {
    tokenUrl?: string;
    fetch?: typeof fetch;
    /** When given, the token is asked for with a DPoP proof of this key and comes back bound to it. */
    dpopKey?: DpopKeySource;
  } = {},
): TokenProvider {
  const tokenUrl = options.tokenUrl ?? "/api/auth/token";
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let cached: CachedToken | null = null;
  let inFlight: Promise<AccessToken> | null = null;
  // Bumped on clear(), so a fetch started before sign-out cannot refill the cache.
  let generation = 0;

  async function fetchToken(forGeneration: number): Promise<AccessToken> {
    const parsers = loadParsers();
    // Awaited only after a good answer; a failure before that must not go unhandled.
    parsers.catch(() => undefined);
    let response: Response;
    let key: DpopKey | null = null;
    try {
      key = await loadKey(options.dpopKey);
      // The proof's htu is absolute: the token URL as the browser resolves it.
      const headers: Record<string, string> = key
        ? {
            DPoP: await createProof(key, {
              method: "GET",
              url: new URL(tokenUrl, globalThis.location?.href).href,
            }),
          }
        : {};
      response = await doFetch(tokenUrl, { credentials: "include", cache: "no-store", headers });
    } catch (cause) {
      throw new ApiError({
        status: 0,
        code: NETWORK_ERROR,
        detail: "Cannot reach the sign-in service",
        cause,
      });
    }
    if (key && response.status === 400) {
      // The proof was refused. Never retried without one: a token asked for
      // with a proof is bound or not issued (decision 044).
      throw new ApiError({
        status: 400,
        code: DPOP_PROOF_REFUSED,
        detail: "The sign-in service refused this browser's key proof",
      });
    }
    if (!response.ok) {
      throw new ApiError({
        status: response.status,
        code: response.status === 401 ? "UNAUTHENTICATED" : "TOKEN_UNAVAILABLE",
        detail: response.status === 401 ? "Not signed in" : "Could not get an access token",
      });
    }
    const [body, [{ TokenResponseSchema }, { decodeExpiry, decodeBinding }]] = await Promise.all([
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
    // Proofs go with the token only if it is bound to this very key: a web app
    // that ignored the proof gave an unbound token, used as Bearer.
    const access = { token, key: key && decodeBinding(token) === key.thumbprint ? key : null };
    if (forGeneration === generation) cached = { ...access, refreshAtMs };
    return access;
  }

  function getAccessToken({ forceRefresh = false } = {}): Promise<AccessToken> {
    if (!forceRefresh && cached && Date.now() < cached.refreshAtMs) {
      return Promise.resolve({ token: cached.token, key: cached.key });
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
  }

  return {
    getAccessToken,
    getToken: async (tokenOptions) => (await getAccessToken(tokenOptions)).token,
    clear() {
      generation += 1;
      cached = null;
      inFlight = null;
    },
  };
}
