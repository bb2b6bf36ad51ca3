import { type CryptoKey, importJWK, type JWK } from "jose";
import { z } from "zod";

/** One verification key from the JWKS, pinned to the algorithm it was published for. */
export interface KeyEntry {
  key: CryptoKey;
  alg: string;
}

export interface ImportedKeySet {
  keys: Map<string, KeyEntry>;
  /** Keys that were skipped and why: worth an alert, never fatal on their own. */
  problems: string[];
}

/** The outer shape only; each key is checked on its own so one bad key cannot hide the others. */
export const JwksBodySchema = z.object({ keys: z.array(z.unknown()) });

const PublicJwkSchema = z.looseObject({
  kty: z.enum(["RSA", "EC", "OKP"]),
  kid: z.string().min(1).max(256),
  alg: z.string(),
  use: z.string().optional(),
  crv: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
});

// Members that only private or symmetric keys carry; a JWKS that publishes
// them is misconfigured (or leaking) and such keys must never be trusted.
const SECRET_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

const describe = (raw: unknown, index: number): string => {
  if (typeof raw === "object" && raw !== null && "kid" in raw && typeof raw.kid === "string") {
    return `key ${index} (kid ${JSON.stringify(raw.kid.slice(0, 64))})`;
  }
  return `key ${index}`;
};

async function importOne(
  raw: unknown,
  algorithms: readonly string[],
): Promise<KeyEntry & { kid: string }> {
  if (typeof raw === "object" && raw !== null && SECRET_MEMBERS.some((m) => m in raw)) {
    throw new Error("contains private or symmetric key material");
  }
  const parsed = PublicJwkSchema.safeParse(raw);
  if (!parsed.success) throw new Error("is not a public signing JWK with kid and alg");
  const jwk = parsed.data;
  if (jwk.use !== undefined && jwk.use !== "sig") throw new Error(`has use "${jwk.use}"`);
  if (!algorithms.includes(jwk.alg)) throw new Error(`has alg ${jwk.alg}, not in the allowlist`);
  // Rebuild the JWK from public members only, so nothing unexpected reaches the importer.
  const publicJwk: JWK = {
    kty: jwk.kty,
    ...(jwk.crv !== undefined && { crv: jwk.crv }),
    ...(jwk.n !== undefined && { n: jwk.n }),
    ...(jwk.e !== undefined && { e: jwk.e }),
    ...(jwk.x !== undefined && { x: jwk.x }),
    ...(jwk.y !== undefined && { y: jwk.y }),
  };
  const key = await importJWK(publicJwk, jwk.alg);
  if (key instanceof Uint8Array) throw new Error("is a symmetric key");
  return { kid: jwk.kid, key, alg: jwk.alg };
}

/** Imports every usable key; a kid published twice is ambiguous and dropped entirely. */
export async function importKeySet(
  rawKeys: readonly unknown[],
  algorithms: readonly string[],
): Promise<ImportedKeySet> {
  const keys = new Map<string, KeyEntry>();
  const duplicated = new Set<string>();
  const problems: string[] = [];
  for (const [index, raw] of rawKeys.entries()) {
    try {
      const { kid, key, alg } = await importOne(raw, algorithms);
      if (keys.has(kid) || duplicated.has(kid)) {
        duplicated.add(kid);
        keys.delete(kid);
        problems.push(`${describe(raw, index)} shares its kid with another key`);
        continue;
      }
      keys.set(kid, { key, alg });
    } catch (error) {
      const reason = error instanceof Error ? error.message : "could not be imported";
      problems.push(`${describe(raw, index)} ${reason}`);
    }
  }
  return { keys, problems };
}
