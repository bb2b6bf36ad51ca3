// Token verification microbenchmark, one thread, sequential awaits, µs per
// operation:
// - node:crypto.verify with an imported key (the floor for RS256);
// - jose jwtVerify on distinct tokens (a token's first verification) and on
//   the same token again and again (what a request with a reused token costs
//   when nothing remembers the result: jose has no cache);
// - the api's own verifier (apps/api/src/auth/verify-token.ts
//   createTokenVerifier with its real JwksCache over a local JWKS server),
//   first and repeat, imported from source through tsx without editing it.
//   If that import fails, only jose is measured and the output says why.
// Run: node --import tsx bench/verify-micro.mjs [--n 2000] [--json]
import { createPublicKey, verify as cryptoVerify } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { importJWK, jwtVerify } from "jose";
import {
  AUDIENCE,
  createSigningKey,
  ISSUER,
  signToken,
  startIdentityServer,
} from "./lib/tokens.mjs";

const root = join(fileURLToPath(import.meta.url), "../..");
const argv = process.argv.slice(2);
const n = Number(argv[argv.indexOf("--n") + 1]) || 2000;
const asJson = argv.includes("--json");

/** Mean µs per call of `fn(token)` over `tokens`, after a short warm-up. */
async function perOp(tokens, fn) {
  for (const token of tokens.slice(0, Math.min(50, tokens.length))) await fn(token);
  const started = process.hrtime.bigint();
  for (const token of tokens) await fn(token);
  return Number(process.hrtime.bigint() - started) / 1000 / tokens.length;
}

const key = createSigningKey();
// Distinct tokens: one per operation, plus the warm-up's. Signing is the slow
// part (about 1 ms each), hence the modest default n.
const distinct = Array.from({ length: n + 50 }, (_, i) => signToken(key, `micro-user-${i}`));
const warm = distinct.slice(0, 50);
const fresh = distinct.slice(50);
const same = Array.from({ length: n }, () => distinct[0]);
const options = { issuer: ISSUER, audience: AUDIENCE, algorithms: ["RS256"] };
const publicKey = await importJWK(key.publicJwk, "RS256");
const nodeKey = createPublicKey({ key: key.publicJwk, format: "jwk" });

const result = { n, unit: "µs/op", cryptoVerify: 0, jose: {}, api: null, apiNote: "" };

result.cryptoVerify = await perOp(fresh, async (token) => {
  const dot = token.lastIndexOf(".");
  const ok = cryptoVerify(
    "sha256",
    Buffer.from(token.slice(0, dot)),
    nodeKey,
    Buffer.from(token.slice(dot + 1), "base64url"),
  );
  if (!ok) throw new Error("signature did not verify");
});
const viaJose = (token) => jwtVerify(token, publicKey, options);
await perOp(warm, viaJose);
result.jose.first = await perOp(fresh, viaJose);
result.jose.repeat = await perOp(same, viaJose);

let jwks;
try {
  const { createTokenVerifier } = await import(
    pathToFileURL(join(root, "apps/api/src/auth/verify-token.ts")).href
  );
  const { JwksCache } = await import(
    pathToFileURL(join(root, "apps/api/src/auth/jwks-cache.ts")).href
  );
  jwks = await startIdentityServer(key.publicJwk);
  const cache = new JwksCache({
    url: jwks.url,
    algorithms: ["RS256"],
    cooldownMs: 30_000,
    cacheMaxAgeMs: 600_000,
    maxStaleMs: 86_400_000,
    timeoutMs: 2000,
  });
  const verify = createTokenVerifier({
    jwks: cache,
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ["RS256"],
    clockToleranceSeconds: 30,
    maxTokenAgeSeconds: 3600,
  });
  // Distinct tokens the api verifier has not seen (the warm-up used `warm`).
  const apiFresh = Array.from({ length: n }, (_, i) => signToken(key, `api-user-${i}`));
  await perOp(warm, verify);
  result.api = { first: await perOp(apiFresh, verify), repeat: await perOp(same, verify) };
  result.apiNote = "apps/api/src/auth/verify-token.ts createTokenVerifier + JwksCache";
} catch (error) {
  result.apiNote = `api verifier not measured (${error instanceof Error ? error.message : error}); jose only`;
} finally {
  await jwks?.close();
}

if (asJson) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const f = (v) => (v === undefined ? "-" : `${v.toFixed(1)} µs`);
  console.log(`token verification, RS256, ${n} operations each, ${process.version}`);
  console.log(`  node:crypto.verify (signature only)   ${f(result.cryptoVerify)}`);
  console.log(`  jose jwtVerify, first (distinct)       ${f(result.jose.first)}`);
  console.log(`  jose jwtVerify, repeat (same token)    ${f(result.jose.repeat)}`);
  console.log(`  api verifier, first (distinct)         ${f(result.api?.first)}`);
  console.log(`  api verifier, repeat (same token)      ${f(result.api?.repeat)}`);
  console.log(`  ${result.apiNote}`);
}
