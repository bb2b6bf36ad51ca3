// DPoP proofs for the benchmark (RFC 9449), signed ahead of a run: each is
// good for one request only, so a load run needs one per request it sends.
// Signed with node:crypto in worker threads (proof-worker.mjs), like the
// token flood's tokens.
import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const here = dirname(fileURLToPath(import.meta.url));
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A browser key stand-in: P-256, the private half as PEM for worker threads. */
export function createProofKey() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  const jkt = createHash("sha256")
    .update(`{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`)
    .digest("base64url");
  return {
    jwk: { kty, crv, x, y },
    jkt,
    privatePem: privateKey.export({ format: "pem", type: "pkcs8" }),
  };
}

/** `count` proofs of `key` for one request shape (method, htu without query) and token. */
export function signProofs(key, privateKey, { count, method, htu, token }) {
  const header = b64({ typ: "dpop+jwt", alg: "ES256", jwk: key.jwk });
  const ath = createHash("sha256").update(token).digest("base64url");
  const iat = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, () => {
    const input = `${header}.${b64({ jti: randomUUID(), htm: method, htu, iat, ath })}`;
    const signature = sign("sha256", Buffer.from(input), {
      key: privateKey,
      dsaEncoding: "ieee-p1363",
    });
    return `${input}.${signature.toString("base64url")}`;
  });
}

/** The same, shared by two worker threads. */
export async function signProofsParallel(key, request) {
  const workers = 2;
  const per = Math.ceil(request.count / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const count = Math.max(0, Math.min(per, request.count - w * per));
      const worker = new Worker(join(here, "proof-worker.mjs"), {
        workerData: { key, request: { ...request, count } },
      });
      return new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      }).finally(() => worker.terminate());
    }),
  );
  return parts.flat();
}
