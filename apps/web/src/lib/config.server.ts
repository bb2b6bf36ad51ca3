import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { secretProblem } from "./auth-secret.server";
import { findRepoRoot } from "./repo-root.server";

// The only module that reads process.env. Everything else receives WebConfig.

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .transform((value) => new URL(value).origin);

const EnvSchema = z
  .object({
    BETTER_AUTH_URL: httpUrl.default("http://localhost:3000"),
    BETTER_AUTH_SECRET: z
      .string()
      .superRefine((value, ctx) => {
        const problem = secretProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
    // The credential the api reads the revocation feed with (decision 038).
    REVOCATION_FEED_SECRET: z
      .string()
      .superRefine((value, ctx) => {
        const problem = secretProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
    NEXT_PUBLIC_API_URL: httpUrl.default("http://localhost:8000"),
    JWT_AUDIENCE: z.string().min(1).default("http://localhost:8000"),
    JWT_ALGORITHM: z.enum(["RS256", "ES256", "PS256", "EdDSA"]).default("RS256"),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be empty (SQLite under DATA_DIR) or a postgres:// URL")
      .optional(),
    // Connections each web process may hold open to PostgreSQL.
    DB_POOL_MAX: z.coerce.number().int().min(1).max(1_000).default(10),
    DATA_DIR: z.string().min(1).default("./data"),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
    // Shared with the api: how long it may take to see a new key, and how long
    // it may keep an old one.
    JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
    JWKS_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(10_000).default(3),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
    // Shared state (rate limits) for several web instances; unset = the database.
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" })
      .optional(),
    // Namespaces the keys under `taskgate:`; tests use one per run.
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w.:-]{0,100}$/, "letters, digits, '_', '.', ':' or '-' only")
      .default(""),
    // Proxies whose X-Forwarded-For entries are believed; unset = none, so a
    // client cannot pick its own rate-limit bucket with that header.
    TRUSTED_PROXIES: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], "must be IPs or CIDRs")))
      .default([]),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "required with DATABASE_URL (at least 32 random characters)",
      });
    }
    if (env.DATABASE_URL && !env.REVOCATION_FEED_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["REVOCATION_FEED_SECRET"],
        message: "required with DATABASE_URL (at least 32 random characters, the api's value)",
      });
    }
  });

export type JwtAlgorithm = "RS256" | "ES256" | "PS256" | "EdDSA";
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";
export type RedisConfig = { url: string; keyPrefix: string };
export type DatabaseConfig =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: string; poolMax: number };

export type WebConfig = {
  /** Public origin of the web app; also the JWT issuer. */
  baseUrl: string;
  /** Validated BETTER_AUTH_SECRET, or undefined to generate one (SQLite only). */
  authSecret: string | undefined;
  /**
   * Validated REVOCATION_FEED_SECRET, or undefined to generate one under
   * dataDir (SQLite only): the api reads the revocation feed with it.
   */
  revocationFeedSecret: string | undefined;
  /** Where the browser reaches the api; read at run time, not inlined at build. */
  apiUrl: string;
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

type Env = Record<string, string | undefined>;

/** Validates `env`; throws one Error naming every bad variable. */
export function parseConfig(env: Env, repoRoot: string): WebConfig {
  // An empty line in .env (`DATABASE_URL=`) means "use the default".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid web app configuration:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  const dataDir = isAbsolute(parsed.DATA_DIR)
    ? parsed.DATA_DIR
    : resolve(repoRoot, parsed.DATA_DIR);
  return {
    baseUrl: parsed.BETTER_AUTH_URL,
    authSecret: parsed.BETTER_AUTH_SECRET,
    revocationFeedSecret: parsed.REVOCATION_FEED_SECRET,
    apiUrl: parsed.NEXT_PUBLIC_API_URL,
    jwtAudience: parsed.JWT_AUDIENCE,
    jwtAlgorithm: parsed.JWT_ALGORITHM,
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

/** The repo-root .env under the real environment: a variable already set wins. */
function readEnvironment(repoRoot: string): Env {
  const file = join(repoRoot, ".env");
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
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
