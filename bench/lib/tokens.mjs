// The identity side of the benchmark: one RS256 key, its JWKS served over HTTP
// on 127.0.0.1 (as the web app would), and tokens signed like the web app's
// (iss, aud, sub, sid, iat, exp 15 min; header alg + kid + typ).
// Signing uses node:crypto directly: about 1 ms per RS256 signature here, and
// the token flood needs 100,000 of them.
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { createServer } from "node:http";

export const ISSUER = "http://127.0.0.1:3999";
export const AUDIENCE = "http://127.0.0.1:8999";
export const TOKEN_TTL_SECONDS = 900;
// The feed's page size (packages/contracts/src/revocation.ts).
const REVOCATION_PAGE_SIZE = 1000;

const b64url = (value) => Buffer.from(value).toString("base64url");

/** A fresh RS256 key pair; the private half as PEM so worker threads can share it. */
export function createSigningKey(kid = `bench-${randomUUID().slice(0, 8)}`) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicJwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const privatePem = privateKey.export({ format: "pem", type: "pkcs8" });
  return { kid, publicJwk, privateKey, privatePem };
}

/**
 * Signs one token for `sub`; `sid` defaults to a fresh session id. `extra`
 * adds claims, e.g. `{ cnf: { jkt } }` for a DPoP-bound token.
 */
export function signToken(key, sub, sid = randomUUID(), extra = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", kid: key.kid, typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      sub,
      sid,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      exp: now + TOKEN_TTL_SECONDS,
      ...extra,
    }),
  );
  const input = `${header}.${payload}`;
  const privateKey = key.privateKey ?? createPrivateKey(key.privatePem);
  return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
}

/**
 * Stands in for the web app's two public endpoints on 127.0.0.1: the JWKS at
 * /api/auth/jwks and the revocation feed at /api/auth/revocations (the
 * contract in packages/contracts/src/revocation.ts). `revoke()` replaces the
 * feed's entries; the api picks them up on its next poll.
 */
export async function startIdentityServer(publicJwk) {
  const jwksBody = JSON.stringify({ keys: [publicJwk] });
  let entries = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/api/auth/revocations") {
      const since = Number(url.searchParams.get("since") ?? "0");
      const now = Date.now();
      const live = entries.filter((e) => e.revoked_at >= since && e.expires_at > now);
      const items = live.slice(0, REVOCATION_PAGE_SIZE);
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ now, items, has_more: live.length > items.length }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=300" });
    res.end(jwksBody);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/api/auth/jwks`,
    /** Lists `sessions` revoked session ids and `users` deleted user ids, none of them the bench's. */
    revoke({ sessions, users }) {
      // Distinct, ascending revoked_at (one a millisecond, ending now), as
      // the web app would record them over time; the feed pages through them.
      const all = [...sessions.map((id) => ["session", id]), ...users.map((id) => ["user", id])];
      const now = Date.now();
      entries = all.map(([kind, id], i) => {
        const revokedAt = now - (all.length - i);
        return {
          kind,
          id,
          revoked_at: revokedAt,
          expires_at: now + (TOKEN_TTL_SECONDS + 60) * 1000,
        };
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
