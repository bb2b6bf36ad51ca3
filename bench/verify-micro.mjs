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
// - DPoP (RFC 9449): one bare ES256 signature check (node:crypto.verify with
//   an imported P-256 key) beside the api's whole proof check
//   (apps/api/src/auth/dpop/verify-proof.ts: parse, jwk and thumbprint, the
//   signature, claims, ath, and the in-memory replay cache) on distinct
//   proofs of one key, as one browser tab sends them. The added cost a
//   request pays for binding is the second figure; the target is at most
//   1.3x the first.
// Run: node --import tsx bench/verify-micro.mjs [--n 2000] [--json]
import {
  createHash,
  createPublicKey,
  verify as cryptoVerify,
  generateKeyPairSync,
  randomUUID,
  sign,
} from "node:crypto";
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

const result = {
  n,
  unit: "µs/op",
  cryptoVerify: 0,
  jose: {},
  api: null,
  apiNote: "",
  dpop: null,
};

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

// ---- DPoP proofs ---------------------------------------------------------
const PROOF_API_URL = "http://127.0.0.1:8999";
const PROOF_PATH = "/api/protected";

/** n distinct proofs of one P-256 key for GET /api/protected with `token`. */
function makeProofs(count, token) {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  const jwk = { kty, crv, x, y };
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = b64({ typ: "dpop+jwt", alg: "ES256", jwk });
  const ath = createHash("sha256").update(token).digest("base64url");
  const iat = Math.floor(Date.now() / 1000);
  const proofs = Array.from({ length: count }, () => {
    const input = `${header}.${b64({ jti: randomUUID(), htm: "GET", htu: `${PROOF_API_URL}${PROOF_PATH}`, iat, ath })}`;
    const signature = sign("sha256", Buffer.from(input), {
      key: privateKey,
      dsaEncoding: "ieee-p1363",
    });
    return `${input}.${signature.toString("base64url")}`;
  });
  const jkt = createHash("sha256")
    .update(`{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`)
    .digest("base64url");
  return { proofs, publicKey, jkt };
}

try {
  const { createProofVerifier } = await import(
    pathToFileURL(join(root, "apps/api/src/auth/dpop/verify-proof.ts")).href
  );
  const { createMemoryReplayCache } = await import(
    pathToFileURL(join(root, "apps/api/src/auth/dpop/replay-cache.ts")).href
  );
  const { createBindingCheck } = await import(
    pathToFileURL(join(root, "apps/api/src/auth/dpop/binding.ts")).href
  );
  const token = distinct[0];
  const { proofs, publicKey, jkt } = makeProofs(n + 50, token);
  const bareCheck = (proof) => {
    const dot = proof.lastIndexOf(".");
    const ok = cryptoVerify(
      "sha256",
      Buffer.from(proof.slice(0, dot)),
      { key: publicKey, dsaEncoding: "ieee-p1363" },
      Buffer.from(proof.slice(dot + 1), "base64url"),
    );
    if (!ok) throw new Error("signature did not verify");
  };
  // The whole binding check a request with a cached bound token pays:
  // scheme and proof-count checks, ath, and the proof's verification.
  const binding = createBindingCheck(
    "allowed",
    createProofVerifier({
      publicUrl: PROOF_API_URL,
      replay: createMemoryReplayCache(),
      clockToleranceSeconds: 30,
    }),
  );
  const verified = { sub: "micro-user", exp: Math.floor(Date.now() / 1000) + 900, jkt };
  const check = (proof) =>
    binding({ scheme: "DPoP", token, verified, proofs: proof, method: "GET", url: PROOF_PATH });
  // Each proof is good once: warm up on the first 50. Then time both in
  // alternating slices of 100, so a shared machine's background load falls on
  // both figures alike rather than on whichever ran second.
  for (const proof of proofs.slice(0, 50)) {
    bareCheck(proof);
    await check(proof);
  }
  let bareNs = 0n;
  let checkNs = 0n;
  const timed = proofs.slice(50);
  for (let i = 0; i < timed.length; i += 100) {
    const slice = timed.slice(i, i + 100);
    let started = process.hrtime.bigint();
    for (const proof of slice) bareCheck(proof);
    bareNs += process.hrtime.bigint() - started;
    started = process.hrtime.bigint();
    for (const proof of slice) await check(proof);
    checkNs += process.hrtime.bigint() - started;
  }
  const es256Verify = Number(bareNs) / 1000 / timed.length;
  const proof = Number(checkNs) / 1000 / timed.length;
  result.dpop = {
    es256Verify,
    proof,
    ratio: proof / es256Verify,
    target: 1.3,
    met: proof / es256Verify <= 1.3,
  };
} catch (error) {
  result.dpop = { error: error instanceof Error ? error.message : String(error) };
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
  const d = result.dpop;
  if (d?.error) console.log(`  DPoP not measured: ${d.error}`);
  else if (d) {
    console.log(`DPoP proof (ES256), ${n} distinct proofs of one key`);
    console.log(`  node:crypto.verify ES256 (signature only) ${f(d.es256Verify)}`);
    console.log(`  api binding check (all a request adds) ${f(d.proof)}`);
    console.log(
      `  ratio ${d.ratio.toFixed(2)}x (target ≤ ${d.target}x): ${d.met ? "met" : "NOT met"}`,
    );
  }
}
