import type { Addresses } from "./addresses";
import { apiEnv } from "./api";
import { type Env, parseEnv, resolveAddresses } from "./parse";
import { sharedEnv } from "./shared";
import { webEnv } from "./web";

export { ConfigError } from "./parse";

/**
 * What `npm start` needs before it builds anything: every variable of both
 * apps checked (so a typo fails in a second, not after the build) and the
 * addresses both apps will derive from the same environment.
 */
export function systemAddresses(env: Env): Addresses {
  const parsed = parseEnv({ ...sharedEnv, ...webEnv, ...apiEnv }, env);
  return resolveAddresses(parsed);
}
