import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { base64url, type CryptoKey, exportJWK, generateKeyPair, type JWK } from "jose";
import { createTestFeed, FEED_PATH, type TestFeed } from "./revocation-feed-fixture.js";

// Test-only helpers: a real key pair, a real JWKS served over HTTP on an
// ephemeral port, and a raw signer that can produce any header (including
// ones jose itself refuses to sign, like unknown `crit`). The same server
// stands in for the web app's revocation feed (revocation-feed-fixture.ts).

export const TEST_ISSUER = "http://localhost:3000";
export const TEST_AUDIENCE = "http://localhost:8000";

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createTestKey(kid = "test-key-1"): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256" };
  return { kid, privateKey, publicJwk };
}

export interface CannedResponse {
  status: number;
  body: string;
  contentType?: string;
  /** Never answer (the connection stays open until the client gives up). */
  hang?: boolean;
}

export interface TestServer {
  url: string;
  /** Requests received so far, except the revocation feed's (see feed.requests). */
  readonly requests: number;
  /** The revocation feed at /api/auth/revocations on the same host (down whenever the server is). */
  feed: TestFeed;
  /** Replace what the server answers (a JWKS by default) everywhere but the feed (feed.respond). */
  respond(response: CannedResponse): void;
  serveKeys(keys: readonly unknown[]): void;
  /** Stop listening (connections refused) but keep the port for start(). */
  stop(): Promise<void>;
  /** Listen again on the same port, as a restarted web app would. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const jwksResponse = (keys: readonly unknown[]): CannedResponse => ({
  status: 200,
  body: JSON.stringify({ keys }),
  contentType: "application/json",
});

/** A real HTTP server on 127.0.0.1:0 answering every request with a canned response. */
export async function startTestServer(keys: readonly unknown[] = []): Promise<TestServer> {
  let current = jwksResponse(keys);
  let requests = 0;
  let listening = false;
  const feed = createTestFeed();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === FEED_PATH) return feed.handle(url, res, req.headers.authorization);
    requests += 1;
    if (current.hang) return;
    res.writeHead(current.status, { "content-type": current.contentType ?? "application/json" });
    res.end(current.body);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)).then(() => {
      listening = true;
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(0);
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}/api/auth/jwks`,
    get requests() {
      return requests;
    },
    feed,
    respond(response) {
      current = response;
    },
    serveKeys(next) {
      current = jwksResponse(next);
    },
    stop,
    start: () => (listening ? Promise.resolve() : listen(port)),
    close: stop,
  };
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

/** Standard claims of a good token; override or drop members per test. */
export function claims(
  overrides: Record<string, unknown> = {},
  omit: readonly string[] = [],
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const base: Record<string, unknown> = {
    sub: "user-a",
    sid: "session-a",
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now,
    exp: now + 900,
    ...overrides,
  };
  for (const name of omit) delete base[name];
  return base;
}

/** RS256-signs exactly the given header and payload, whatever they contain. */
export async function signRaw(
  key: TestKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const input = `${encodeJson({ alg: "RS256", kid: key.kid, ...header })}.${encodeJson(payload)}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    key.privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

/** An HS256 token keyed with an arbitrary secret (the classic key-confusion attack). */
export function signHs256(
  secret: string | Uint8Array,
  payload: Record<string, unknown>,
  kid: string,
) {
  const input = `${encodeJson({ alg: "HS256", kid, typ: "JWT" })}.${encodeJson(payload)}`;
  const mac = createHmac("sha256", secret).update(input).digest();
  return `${input}.${base64url.encode(mac)}`;
}

/** Header and payload as given, signature chosen by the caller (possibly empty). */
export function unsigned(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sig = "",
) {
  return `${encodeJson(header)}.${encodeJson(payload)}.${sig}`;
}

export { encodeJson };
