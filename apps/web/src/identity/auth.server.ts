import { dirname } from "node:path";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { type JwtOptions, jwt } from "better-auth/plugins";
import Database from "better-sqlite3";
import pg from "pg";
import { CLIENT_ADDRESS_HEADER, isClientAddressResolved } from "../server/client-address.mjs";
import {
  type DatabaseConfig,
  getConfig,
  type LogLevel,
  type WebConfig,
} from "../server/config.server";
import { getLogger } from "../server/logger.server";
import { ensurePrivateDatabaseFiles, ensurePrivateDir } from "../server/private-files.server";
import { commonPasswordRule } from "./account/common-passwords.server";
import { deleteRequiresPassword } from "./account/delete-requires-password.server";
import { type AccountLimitOptions, accountLimits } from "./account/limits/plugin.server";
import { nameRules } from "./account/name-rules.server";
import { passwordChangeEndsOtherSessions } from "./account/password-change-ends-sessions.server";
import { dpopBinding, tokenBinding } from "./dpop/plugin.server";
import { memoryReplayCache, redisReplayCache } from "./dpop/replay-cache.server";
import { resolveAuthSecret } from "./keys/auth-secret.server";
import { betterAuthLogger } from "./logging/auth-logger.server";
import { resolveFeedSecret } from "./revocation/feed-credential.server";
import { revocation } from "./revocation/plugin.server";
import { sessionActivity } from "./session/session-activity.server";
import { openRedisStorage } from "./storage/redis.server";

type Opened = { kind: "sqlite"; db: Database.Database } | { kind: "postgres"; db: pg.Pool };

function openDatabase(database: DatabaseConfig): Opened {
  if (database.kind === "postgres") {
    // Better Auth recognises a pg Pool and talks to it through Kysely's
    // PostgresDialect. Connections open lazily, so nothing is dialled here.
    const pool = new pg.Pool({
      connectionString: database.url,
      max: database.poolMax,
      // A database that does not answer fails the request (503) rather than
      // queueing it behind a hung connect.
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server (restart, failover) is
    // reported here; without a listener Node would crash the process. The
    // pool replaces the connection on next use. The message never holds the
    // connection string.
    pool.on("error", (error: Error) => {
      getLogger().warn(
        { event: "db.connection_lost", error: error.message },
        "postgres: idle connection lost",
      );
    });
    return { kind: "postgres", db: pool };
  }
  // 0700 directory, 0600 database (and -wal/-shm), whoever created them.
  ensurePrivateDir(dirname(database.path));
  ensurePrivateDatabaseFiles(database.path);
  const db = new Database(database.path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  return { kind: "sqlite", db };
}

function authLogger(level: LogLevel) {
  if (level === "silent") return { disabled: true };
  return betterAuthLogger(getLogger(), authLogLevel(level));
}

function authLogLevel(level: Exclude<LogLevel, "silent">): "debug" | "info" | "warn" | "error" {
  if (level === "trace") return "debug";
  if (level === "fatal") return "error";
  // Better Auth's info lines name people ("Sign-up attempt for existing email:
  // <email>"); personal data stays out of logs unless someone is debugging.
  if (level === "info") return "warn";
  return level;
}

/**
 * The jwt plugin's options, shared with the key-rotation command so both mint
 * keys the same way.
 */
export function jwtPluginOptions(config: WebConfig) {
  return {
    jwks: {
      keyPairConfig: { alg: config.jwtAlgorithm },
      // A retired key stays published until every token it signed has expired
      // and every api has refreshed its cache (see docs/security.md).
      gracePeriod: config.keyGraceSeconds,
    },
    jwt: {
      issuer: config.jwtIssuer,
      // The api's own URL, never the issuer's (Better Auth's default).
      audience: config.jwtAudience,
      // A number here would be an absolute `exp`; a string is a span from iat.
      expirationTime: `${config.jwtTtlSeconds}s`,
      // sub (user id) is added by the plugin; no email, name or image. `cnf`
      // only when the request proved a DPoP key (./dpop/plugin.server).
      definePayload: async ({ session }: { session: { id: string } }) => ({
        sid: session.id,
        ...(await tokenBinding()),
      }),
    },
    disableSettingJwtHeader: true,
  } satisfies JwtOptions;
}

/**
 * How long the revocation feed serves an entry: a session's, until every token
 * it issued has expired (TTL, plus 60 s for the api's clock tolerance); an
 * account's, long enough for an api that was down to catch up.
 */
function revocationOptions(config: WebConfig) {
  return {
    sessionEntryTtlMs: (config.jwtTtlSeconds + 60) * 1_000,
    userEntryTtlMs: 30 * 24 * 60 * 60 * 1_000,
    feedSecret: resolveFeedSecret(config),
  };
}

/** Session-bound reads: high enough never to bind a real site sharing one bucket. */
const SESSION_READ_RULE = { window: 10, max: 10_000 };

/** Per client: requests that change the account or end sessions (a person clicks them). */
const ACCOUNT_CHANGE_RULE = { window: 60, max: 30 };

/**
 * Per account, whatever the address (decision 029). Ten failed sign-ins per
 * 15 minutes slows a guess spread over many addresses to 960 a day; the
 * owner's known browsers are exempt, and a new one waits at most 15 minutes
 * after the failures stop.
 */
export const ACCOUNT_LIMITS: AccountLimitOptions = {
  signInFailures: { max: 10, windowSeconds: 15 * 60 },
  passwordChecks: { max: 10, windowSeconds: 10 * 60 },
  accountChanges: { max: 30, windowSeconds: 60 },
};

function credentialsRule(config: WebConfig) {
  return { window: config.authRateLimit.windowSeconds, max: config.authRateLimit.max };
}

/**
 * Where Better Auth finds the client's address (rate-limit buckets, the
 * address a session records). Behind the app's own server (server.mjs) the
 * address was resolved from the socket and TRUSTED_PROXIES, and
 * X-Forwarded-For holds exactly that one address, whatever the client sent
 * (decision 028). Anywhere else (plain `next start`, tests calling the
 * handler directly) a client-sent header is not believed: TRUSTED_PROXIES
 * lets Better Auth walk the chain, and without it every client shares one
 * bucket per path (decision 016).
 */
function ipAddressOptions(config: WebConfig, clientAddressResolved: boolean) {
  if (clientAddressResolved) return { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] };
  if (config.trustedProxies.length === 0) return { ipAddressHeaders: [] };
  return { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: config.trustedProxies };
}

export type CreateAuthOptions = {
  /** True when requests come through server.mjs (see ipAddressOptions). */
  clientAddressResolved?: boolean;
  /** Per-account limits; ACCOUNT_LIMITS unless a test needs short windows. */
  accountLimits?: AccountLimitOptions;
};

type Closer = () => Promise<void>;
const closers = new WeakMap<object, Closer>();
const pools = new WeakMap<object, pg.Pool>();

/** Builds the Better Auth instance; opens (and creates) the database. */
export function createAuth(
  config: WebConfig,
  secret: string,
  { clientAddressResolved = false, accountLimits: limits = ACCOUNT_LIMITS }: CreateAuthOptions = {},
) {
  const opened = openDatabase(config.database);
  const database = opened.db;
  const redis = config.redis ? openRedisStorage(config.redis) : undefined;
  const auth = betterAuth({
    baseURL: config.baseUrl,
    secret,
    database,
    ...(redis ? { secondaryStorage: redis.storage } : {}),
    // Sessions stay in the database even with Redis, so both apps see the
    // same sessions whatever the deployment.
    session: {
      storeSessionInDatabase: true,
      // Better Auth refuses to list the sessions (403 SESSION_NOT_FRESH) once
      // the current one is older than `freshAge` (a day by default), which
      // would break the account page. Nothing else here relies on freshness:
      // changing the password and deleting the account ask for the password.
      freshAge: 0,
    },
    user: {
      // Deletes the user, their sessions and accounts at once (no e-mail
      // step); deleteRequiresPassword makes the password mandatory.
      deleteUser: { enabled: true },
    },
    // Through pino: one JSON line per message, credentials redacted.
    logger: authLogger(config.logLevel),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    trustedOrigins: config.trustedOrigins,
    advanced: {
      // Explicit, so every environment checks origins: Better Auth skips the
      // check under NODE_ENV=test unless told otherwise.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      useSecureCookies: config.baseUrl.startsWith("https://"),
      ipAddress: ipAddressOptions(config, clientAddressResolved),
    },
    rateLimit: {
      // On in every environment (Better Auth's default is production only),
      // and in shared storage so every instance counts the same attempts:
      // Redis when configured, else the database.
      enabled: true,
      storage: redis ? "secondary-storage" : "database",
      customRules: {
        "/sign-in/email": credentialsRule(config),
        "/sign-up/email": credentialsRule(config),
        // A password check with a stolen cookie is as guessable as a sign-in.
        "/delete-user": credentialsRule(config),
        "/change-password": credentialsRule(config),
        "/change-email": credentialsRule(config),
        // Per client here, per account in accountLimits (decision 029).
        "/revoke-session": ACCOUNT_CHANGE_RULE,
        "/revoke-sessions": ACCOUNT_CHANGE_RULE,
        "/revoke-other-sessions": ACCOUNT_CHANGE_RULE,
        "/update-user": ACCOUNT_CHANGE_RULE,
        // Signing out must always work, whatever other clients did: it only
        // ends the session its own cookie names, and with no valid cookie it
        // does nothing, so there is nothing to guess or exhaust.
        "/sign-out": false,
        // The api refetches keys on an unknown kid; public keys need no throttle.
        "/jwks": false,
        // Every api instance polls it every 2 s, and without trusted proxies
        // all of them share one bucket.
        "/revocations": false,
        // Session-bound reads. Without trusted proxies every client shares one
        // bucket per path (decision 016), so Better Auth's default (100 per
        // 10 s) would be a limit for the whole site: a busy minute of page
        // loads would get 429 on /token. They need a valid session cookie,
        // which is the real gate. Raised rather than switched off: the
        // limiter's storage check runs first, so a database outage answers
        // 503 here instead of Better Auth's "no session" 401 (F11).
        "/token": SESSION_READ_RULE,
        "/get-session": SESSION_READ_RULE,
        "/list-sessions": SESSION_READ_RULE,
      },
    },
    plugins: [
      jwt(jwtPluginOptions(config)),
      dpopBinding({
        tokenUrl: `${config.baseUrl.replace(/\/+$/, "")}/api/auth/token`,
        // Shared by every instance when there is Redis, so a proof replayed
        // to another instance is refused there too.
        replay: redis
          ? redisReplayCache(redis.client, `taskgate:${config.redis?.keyPrefix ?? ""}`)
          : memoryReplayCache(),
      }),
      revocation(revocationOptions(config)),
      deleteRequiresPassword(),
      passwordChangeEndsOtherSessions(),
      accountLimits(limits),
      nameRules(),
      commonPasswordRule(),
      sessionActivity({ intervalMs: 5 * 60 * 1_000 }),
      nextCookies(), // must stay last
    ],
  });
  if (opened.kind === "postgres") pools.set(auth, opened.db);
  closers.set(auth, async () => {
    if (redis) await redis.client.quit().catch(() => redis.client.disconnect());
    if (opened.kind === "postgres") {
      if (!opened.db.ended) await opened.db.end();
    } else if (opened.db.open) {
      opened.db.close();
    }
  });
  return auth;
}

/** Releases what createAuth opened (the database handle or pool, the Redis client). */
export async function closeAuth(auth: Auth): Promise<void> {
  const close = closers.get(auth);
  closers.delete(auth);
  await close?.();
}

/** The PostgreSQL pool behind `auth`, or undefined on SQLite. */
export function postgresPoolOf(auth: Auth): pg.Pool | undefined {
  return pools.get(auth);
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per process, shared by every bundle (route handlers, pages,
// instrumentation) and created on first use so `next build` opens no database.
const globalKey = Symbol.for("taskgate.web.auth");
type Holder = { [globalKey]?: Auth };
const shutdownKey = Symbol.for("taskgate.web.shutdown");
type ShutdownHolder = { [shutdownKey]?: () => Promise<void> };

export function getAuth(): Auth {
  const holder = globalThis as Holder;
  const existing = holder[globalKey];
  if (existing) return existing;
  const config = getConfig();
  const secret = resolveAuthSecret({
    configured: config.authSecret,
    embeddedDatabase: config.database.kind === "sqlite",
    dataDir: config.dataDir,
  });
  const auth = createAuth(config, secret, { clientAddressResolved: isClientAddressResolved() });
  holder[globalKey] = auth;
  // server.mjs calls this on SIGTERM, after the last request in flight: the
  // pool (or SQLite handle) and Redis close before the process exits.
  (globalThis as ShutdownHolder)[shutdownKey] = () => closeAuth(auth);
  return auth;
}
