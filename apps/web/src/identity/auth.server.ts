import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { jwt } from "better-auth/plugins";
import { isClientAddressResolved } from "../server/client-address.mjs";
import { getConfig, type WebConfig } from "../server/config.server";
import { EMAIL_AND_PASSWORD_OPTIONS, USER_OPTIONS } from "./account/account-options";
import { commonPasswordRule } from "./account/common-passwords.server";
import { deleteRequiresPassword } from "./account/delete-requires-password.server";
import { ACCOUNT_LIMITS } from "./account/limits/account-limits";
import { type AccountLimitOptions, accountLimits } from "./account/limits/plugin.server";
import { nameRules } from "./account/name-rules.server";
import { passwordChangeEndsOtherSessions } from "./account/password-change-ends-sessions.server";
import { dpopOptions } from "./dpop/dpop-options.server";
import { dpopBinding } from "./dpop/plugin.server";
import { requestChecks } from "./http/request-checks.server";
import { resolveAuthSecret } from "./keys/auth-secret.server";
import { jwtPluginOptions } from "./keys/jwt-options.server";
import { authLogOptions } from "./logging/auth-log-options.server";
import { rateLimitOptions } from "./rate-limits/rate-limit-options.server";
import { revocation } from "./revocation/plugin.server";
import { revocationOptions } from "./revocation/revocation-options.server";
import { sessionActivity } from "./session/session-activity.server";
import { SESSION_ACTIVITY_INTERVAL_MS, SESSION_OPTIONS } from "./session/session-options";
import { openStorage, type Storage } from "./storage/open-storage.server";

// The identity provider, composed: every option and plugin is built in the
// module named after its concern; this file only wires them together and
// owns the instance's lifetime.

export type CreateAuthOptions = {
  /** True when requests come through server.mjs (see clientAddressOptions). */
  clientAddressResolved?: boolean;
  /** Per-account limits; ACCOUNT_LIMITS unless a test needs short windows. */
  accountLimits?: AccountLimitOptions;
};

const storages = new WeakMap<object, Storage>();

/** Builds the Better Auth instance; opens (and creates) the database. */
export function createAuth(
  config: WebConfig,
  secret: string,
  { clientAddressResolved = false, accountLimits: limits = ACCOUNT_LIMITS }: CreateAuthOptions = {},
) {
  const storage = openStorage(config);
  const auth = betterAuth({
    baseURL: config.baseUrl,
    secret,
    database: storage.database,
    ...(storage.redis ? { secondaryStorage: storage.redis.storage } : {}),
    session: SESSION_OPTIONS,
    user: USER_OPTIONS,
    // Through pino: one JSON line per message, credentials redacted.
    logger: authLogOptions(config.logLevel),
    emailAndPassword: EMAIL_AND_PASSWORD_OPTIONS,
    trustedOrigins: config.trustedOrigins,
    advanced: requestChecks(config, clientAddressResolved),
    rateLimit: rateLimitOptions(config, storage.redis !== undefined),
    plugins: [
      jwt(jwtPluginOptions(config)),
      dpopBinding(dpopOptions(config, storage.redis)),
      revocation(revocationOptions(config)),
      deleteRequiresPassword(),
      passwordChangeEndsOtherSessions(),
      accountLimits(limits),
      nameRules(),
      commonPasswordRule(),
      sessionActivity({ intervalMs: SESSION_ACTIVITY_INTERVAL_MS }),
      nextCookies(), // must stay last
    ],
  });
  storages.set(auth, storage);
  return auth;
}

/** Releases what createAuth opened (the database handle or pool, the Redis client). */
export async function closeAuth(auth: Auth): Promise<void> {
  const storage = storages.get(auth);
  storages.delete(auth);
  await storage?.close();
}

/** The PostgreSQL pool behind `auth`, or undefined on SQLite. */
export function postgresPoolOf(auth: Auth): Storage["pool"] {
  return storages.get(auth)?.pool;
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
