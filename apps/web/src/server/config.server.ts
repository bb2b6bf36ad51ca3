import { join } from "node:path";
import { findRepoRoot, readEnvironment, resolveDataDir } from "@taskgate/config/environment";
import type { LogLevel, SigningAlgorithm } from "@taskgate/config/kinds";
import { ConfigError, type Env, parseEnv, resolveAddresses } from "@taskgate/config/parse";
import { MIN_SECRET_LENGTH } from "@taskgate/config/secret";
import { sharedEnv } from "@taskgate/config/shared";
import { webEnv } from "@taskgate/config/web";

// The only module that reads process.env: the web app's composition of the
// configuration package (shared + web fragments). Everything else receives
// WebConfig.

export type { LogLevel };
export type JwtAlgorithm = SigningAlgorithm;
export type RedisConfig = { url: string; keyPrefix: string };
export type DatabaseConfig =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: string; poolMax: number };

const webShape = { ...sharedEnv, ...webEnv };

export type WebConfig = {
  /** Better Auth's base URL: the web app's public origin (WEB_URL). */
  baseUrl: string;
  /** The iss of every token (WEB_URL). */
  jwtIssuer: string;
  /** Origins Better Auth accepts state-changing requests from. */
  trustedOrigins: string[];
  /** Validated BETTER_AUTH_SECRET, or undefined to generate one (SQLite only). */
  authSecret: string | undefined;
  /**
   * Validated REVOCATION_FEED_SECRET, or undefined to generate one under
   * dataDir (SQLite only): the api reads the revocation feed with it.
   */
  revocationFeedSecret: string | undefined;
  /** Where the browser reaches the api; read at run time, not inlined at build. */
  apiUrl: string;
  /** Where this server reaches the api: API_INTERNAL_URL, or the public URL. */
  serverApiUrl: string;
  jwtAudience: string;
  jwtAlgorithm: JwtAlgorithm;
  jwtTtlSeconds: number;
  database: DatabaseConfig;
  dataDir: string;
  logLevel: LogLevel;
  /** Wait between publishing a new signing key and signing with it. */
  keyPublishDelaySeconds: number;
  /** How long a retired signing key stays in the JWKS. */
  keyGraceSeconds: number;
  /** `next dev`: relaxes only what React's development build needs. */
  development: boolean;
  /** Sign-in and sign-up attempts allowed per IP per window; never off. */
  authRateLimit: { max: number; windowSeconds: number };
  /** Set: rate limits live in Redis, shared by every instance. */
  redis: RedisConfig | undefined;
  /** IPs/CIDRs of the proxies in front of the app; empty: X-Forwarded-For is ignored. */
  trustedProxies: string[];
};

/** Validates `env`; throws one ConfigError naming every bad variable. */
export function parseConfig(env: Env, repoRoot: string): WebConfig {
  const parsed = parseEnv(webShape, env);
  // The secret follows the storage (decision 005): generated beside an
  // embedded database, required with a shared one.
  if (parsed.DATABASE_URL && !parsed.BETTER_AUTH_SECRET) {
    throw new ConfigError([
      `BETTER_AUTH_SECRET: required with DATABASE_URL (at least ${MIN_SECRET_LENGTH} random characters)`,
    ]);
  }
  if (parsed.DATABASE_URL && !parsed.REVOCATION_FEED_SECRET) {
    throw new ConfigError([
      `REVOCATION_FEED_SECRET: required with DATABASE_URL (at least ${MIN_SECRET_LENGTH} random characters, the api's value)`,
    ]);
  }
  const addresses = resolveAddresses(parsed);
  const dataDir = resolveDataDir(repoRoot, parsed.DATA_DIR);
  // The web signs with the first algorithm; the api accepts every listed one.
  const [jwtAlgorithm = "RS256"] = parsed.JWT_ALGORITHM;
  return {
    baseUrl: addresses.betterAuthUrl,
    jwtIssuer: addresses.issuer,
    trustedOrigins: addresses.trustedOrigins,
    authSecret: parsed.BETTER_AUTH_SECRET,
    revocationFeedSecret: parsed.REVOCATION_FEED_SECRET,
    apiUrl: addresses.browserApiUrl,
    serverApiUrl: addresses.serverApiUrl,
    jwtAudience: addresses.audience,
    jwtAlgorithm,
    jwtTtlSeconds: parsed.JWT_TTL_SECONDS,
    database: parsed.DATABASE_URL
      ? { kind: "postgres", url: parsed.DATABASE_URL, poolMax: parsed.DB_POOL_MAX }
      : { kind: "sqlite", path: join(dataDir, "web.db") },
    dataDir,
    logLevel: parsed.LOG_LEVEL,
    // One api cooldown (plus margin) guarantees any api refetch sees the new key.
    keyPublishDelaySeconds: parsed.JWKS_COOLDOWN_SECONDS + 5,
    // Longest token lifetime + the api's cache age + clock tolerance.
    keyGraceSeconds: parsed.JWT_TTL_SECONDS + parsed.JWKS_CACHE_MAX_AGE_SECONDS + 60,
    development: env.NODE_ENV === "development",
    authRateLimit: {
      max: parsed.AUTH_RATE_LIMIT_MAX,
      windowSeconds: parsed.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    },
    redis: parsed.REDIS_URL
      ? { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX }
      : undefined,
    trustedProxies: parsed.TRUSTED_PROXIES,
  };
}

/**
 * True inside `next build`, which also runs instrumentation: nothing may open
 * a database or write under DATA_DIR then.
 */
export function isNextBuild(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

let cached: WebConfig | undefined;

/** The validated configuration, read once per process. */
export function getConfig(): WebConfig {
  if (!cached) {
    const repoRoot = findRepoRoot(process.cwd());
    cached = parseConfig(readEnvironment(repoRoot), repoRoot);
  }
  return cached;
}
