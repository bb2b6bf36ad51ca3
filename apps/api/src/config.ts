import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

// The only module that reads process.env: everything else receives a typed Config.

export const SIGNING_ALGORITHMS = ["RS256", "ES256", "PS256", "EdDSA"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
};

const isPostgresUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.host !== "";
  } catch {
    return false;
  }
};

const commaList = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const EnvSchema = z.object({
  API_PORT: int(8000, 0, 65535),
  API_HOST: z.string().min(1).default("0.0.0.0"),
  JWT_ISSUER: httpUrl.default("http://localhost:3000"),
  JWT_AUDIENCE: z.string().min(1).default("http://localhost:8000"),
  JWT_ALGORITHM: z
    .string()
    .default("RS256")
    .transform(commaList)
    .pipe(
      z
        .array(z.enum(SIGNING_ALGORITHMS, { error: `allowed: ${SIGNING_ALGORITHMS.join(", ")}` }))
        .min(1),
    ),
  JWKS_URL: httpUrl.default("http://localhost:3000/api/auth/jwks"),
  CORS_ORIGINS: z
    .string()
    .default("http://localhost:3000")
    .transform(commaList)
    .pipe(
      z.array(
        z.string().refine(isOrigin, "must be an origin like https://app.example.com (no path)"),
      ),
    ),
  // Empty selects the embedded SQLite default; postgres:// or postgresql:// selects PostgreSQL.
  DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, "must be empty (SQLite under DATA_DIR) or a postgres:// URL")
    .optional(),
  DB_POOL_MAX: int(10, 1, 1000),
  DB_STATEMENT_TIMEOUT_MS: int(5000, 100, 600_000),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  JWKS_COOLDOWN_SECONDS: int(30, 1, 3600),
  JWKS_CACHE_MAX_AGE_SECONDS: int(600, 1, 86_400),
  JWKS_MAX_STALE_SECONDS: int(86_400, 1, 30 * 86_400),
  JWKS_TIMEOUT_MS: int(5000, 100, 60_000),
  JWT_CLOCK_TOLERANCE_SECONDS: int(30, 0, 300),
  JWT_MAX_TOKEN_AGE_SECONDS: int(3600, 60, 86_400),
  // Unset: next to the JWKS (…/api/auth/jwks → …/api/auth/revocations).
  REVOCATIONS_URL: httpUrl.optional(),
  REVOCATION_POLL_SECONDS: int(2, 1, 60),
  // 0: fail open (a stale list is trusted); >0: strict, 503 past this age.
  REVOCATION_MAX_STALE_SECONDS: int(0, 0, 86_400),
  // The credential the feed is read with (decision 038); unset with SQLite:
  // generated under DATA_DIR by whichever service starts first.
  REVOCATION_FEED_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
});

/** Where the data lives: the embedded SQLite file, or a PostgreSQL server through a pool. */
export type DatabaseConfig =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string; poolMax: number; statementTimeoutMs: number };

export interface Config {
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Pure: validates an env-like record; throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>, rootDir: string): Config {
  // `.env.example` ships `VAR=`; an empty value means "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${String(issue.path[0] ?? "env")}: ${issue.message}`),
    );
  }
  const e = result.data;
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
  const dataDir = path.resolve(rootDir, e.DATA_DIR);
  return {
    port: e.API_PORT,
    host: e.API_HOST,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    dataDir,
    database:
      e.DATABASE_URL === undefined
        ? { kind: "sqlite", file: path.join(dataDir, "api.db") }
        : {
            kind: "postgres",
            url: e.DATABASE_URL,
            poolMax: e.DB_POOL_MAX,
            statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          },
    jwt: {
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      algorithms: [...new Set(e.JWT_ALGORITHM)],
      clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_SECONDS,
      maxTokenAgeSeconds: e.JWT_MAX_TOKEN_AGE_SECONDS,
    },
    jwks: {
      url: e.JWKS_URL,
      cooldownMs: e.JWKS_COOLDOWN_SECONDS * 1000,
      cacheMaxAgeMs: e.JWKS_CACHE_MAX_AGE_SECONDS * 1000,
      maxStaleMs: e.JWKS_MAX_STALE_SECONDS * 1000,
      timeoutMs: e.JWKS_TIMEOUT_MS,
    },
    revocations: {
      url: e.REVOCATIONS_URL ?? new URL("revocations", e.JWKS_URL).toString(),
      pollMs: e.REVOCATION_POLL_SECONDS * 1000,
      maxStaleMs: e.REVOCATION_MAX_STALE_SECONDS * 1000,
      timeoutMs: e.JWKS_TIMEOUT_MS,
      secret: e.REVOCATION_FEED_SECRET,
    },
  };
}

const hasWorkspaces = (dir: string): boolean => {
  const file = path.join(dir, "package.json");
  if (!existsSync(file)) return false;
  try {
    const pkg: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof pkg === "object" && pkg !== null && "workspaces" in pkg;
  } catch {
    return false;
  }
};

/** The repo root holds the shared `.env` and anchors DATA_DIR, whatever the cwd. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (hasWorkspaces(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** Boot-time entry: loads the root `.env` (never overriding real env) and exits on bad config. */
export function loadConfig(): Config {
  const rootDir = findRepoRoot();
  loadDotenv({ path: path.join(rootDir, ".env"), override: false, quiet: true });
  try {
    return parseConfig(process.env, rootDir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) console.error(`config error: ${line}`);
    process.exit(1);
  }
}
