import { join } from "node:path";
import { apiEnv } from "@taskgate/config/api";
import { findRepoRoot, readEnvironment, resolveDataDir } from "@taskgate/config/environment";
import type { DpopMode, LogLevel, SigningAlgorithm } from "@taskgate/config/kinds";
import { ConfigError, type Env, parseEnv, resolveAddresses } from "@taskgate/config/parse";
import { sharedEnv } from "@taskgate/config/shared";
import { webEnv } from "@taskgate/config/web";

// The only module that reads process.env: the api's composition of the
// configuration package (shared + api fragments). Everything else receives a
// typed Config.

export type { DpopMode, SigningAlgorithm };
export { ConfigError, findRepoRoot };

// TRUSTED_PROXIES is the web app's variable (the contract's table); the api
// reads the same list for its own per-client rate limit.
const apiShape = { ...sharedEnv, ...apiEnv, TRUSTED_PROXIES: webEnv.TRUSTED_PROXIES };

/** Where the data lives: the embedded SQLite file, or a PostgreSQL server through a pool. */
export type DatabaseConfig =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string; poolMax: number; statementTimeoutMs: number };

export interface Config {
  port: number;
  host: string;
  /** API_URL: the api as its clients address it (DPoP's htu is built on it). */
  publicUrl: string;
  logLevel: LogLevel;
  corsOrigins: string[];
  dataDir: string;
  database: DatabaseConfig;
  jwt: {
    issuer: string;
    audience: string;
    algorithms: SigningAlgorithm[];
    clockToleranceSeconds: number;
    maxTokenAgeSeconds: number;
  };
  jwks: {
    url: string;
    cooldownMs: number;
    cacheMaxAgeMs: number;
    maxStaleMs: number;
    timeoutMs: number;
  };
  revocations: {
    url: string;
    pollMs: number;
    /** 0 = never stale (fail open). */
    maxStaleMs: number;
    /** The JWKS fetch timeout: both requests go to the same web app. */
    timeoutMs: number;
    /** REVOCATION_FEED_SECRET, or undefined: read (or generated) under dataDir. */
    secret: string | undefined;
  };
  dpop: {
    mode: DpopMode;
    /** Origin (and path prefix, if any) that proofs' `htu` must name, without a trailing slash. */
    publicUrl: string;
  };
  /** null: state stays in this process's memory. */
  redis: { url: string; keyPrefix: string } | null;
  http: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    keepAliveTimeoutMs: number;
    /** Client addresses (IPs, CIDRs) of proxies whose X-Forwarded-For is believed. */
    trustedProxies: string[];
  };
  rateLimit: {
    clientMax: number;
    userMax: number;
    windowMs: number;
  };
}

/** Pure: validates an env-like record; throws ConfigError naming each bad variable. */
export function parseConfig(env: Env, rootDir: string): Config {
  const e = parseEnv(apiShape, env);
  // A bound shorter than two polls would flap to 503 on one slow fetch.
  if (
    e.REVOCATION_MAX_STALE_SECONDS > 0 &&
    e.REVOCATION_MAX_STALE_SECONDS < 2 * e.REVOCATION_POLL_SECONDS
  ) {
    throw new ConfigError([
      "REVOCATION_MAX_STALE_SECONDS: must be 0 (never) or at least twice REVOCATION_POLL_SECONDS",
    ]);
  }
  // With PostgreSQL the services need not share a DATA_DIR to meet in.
  if (e.DATABASE_URL !== undefined && e.REVOCATION_FEED_SECRET === undefined) {
    throw new ConfigError([
      "REVOCATION_FEED_SECRET: required with DATABASE_URL (the web app's value, at least 32 characters)",
    ]);
  }
  // Node refuses a headers timeout longer than the request's.
  if (e.API_HEADERS_TIMEOUT_MS > e.API_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(["API_HEADERS_TIMEOUT_MS: must not exceed API_REQUEST_TIMEOUT_MS"]);
  }
  const addresses = resolveAddresses(e);
  const dataDir = resolveDataDir(rootDir, e.DATA_DIR);
  return {
    port: addresses.apiPort,
    host: e.API_HOST,
    publicUrl: addresses.apiUrl,
    logLevel: e.LOG_LEVEL,
    corsOrigins: addresses.corsOrigins,
    dataDir,
    database:
      e.DATABASE_URL === undefined
        ? { kind: "sqlite", file: join(dataDir, "api.db") }
        : {
            kind: "postgres",
            url: e.DATABASE_URL,
            poolMax: e.DB_POOL_MAX,
            statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          },
    jwt: {
      issuer: addresses.issuer,
      audience: addresses.audience,
      algorithms: [...new Set(e.JWT_ALGORITHM)],
      clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_SECONDS,
      maxTokenAgeSeconds: e.JWT_MAX_TOKEN_AGE_SECONDS,
    },
    jwks: {
      url: addresses.jwksUrl,
      cooldownMs: e.JWKS_COOLDOWN_SECONDS * 1000,
      cacheMaxAgeMs: e.JWKS_CACHE_MAX_AGE_SECONDS * 1000,
      maxStaleMs: e.JWKS_MAX_STALE_SECONDS * 1000,
      timeoutMs: e.JWKS_TIMEOUT_MS,
    },
    revocations: {
      url: addresses.revocationsUrl,
      pollMs: e.REVOCATION_POLL_SECONDS * 1000,
      maxStaleMs: e.REVOCATION_MAX_STALE_SECONDS * 1000,
      timeoutMs: e.JWKS_TIMEOUT_MS,
      secret: e.REVOCATION_FEED_SECRET,
    },
    dpop: {
      mode: e.DPOP_MODE,
      publicUrl: addresses.apiUrl.replace(/\/+$/, ""),
    },
    redis: e.REDIS_URL === undefined ? null : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    http: {
      requestTimeoutMs: e.API_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.API_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.API_KEEP_ALIVE_TIMEOUT_MS,
      trustedProxies: e.TRUSTED_PROXIES,
    },
    rateLimit: {
      clientMax: e.API_RATE_LIMIT_CLIENT_MAX,
      userMax: e.API_RATE_LIMIT_USER_MAX,
      windowMs: e.API_RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
  };
}

/** Boot-time entry: the root `.env` under the real environment; exits on bad config. */
export function loadConfig(): Config {
  const rootDir = findRepoRoot(process.cwd());
  try {
    return parseConfig(readEnvironment(rootDir), rootDir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One JSON line each, like every other line the api writes.
    for (const line of error.problems) {
      const entry = { level: 60, time: new Date().toISOString(), service: "api" };
      console.error(
        JSON.stringify({ ...entry, event: "config.error", msg: `config error: ${line}` }),
      );
    }
    process.exit(1);
  }
}
