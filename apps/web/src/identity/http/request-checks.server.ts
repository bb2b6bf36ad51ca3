import type { WebConfig } from "../../server/config.server";
import { clientAddressOptions } from "../rate-limits/client-address-options.server";

/**
 * Better Auth's `advanced` option: the checks every request meets, and how its
 * cookies and the client's address are read.
 */
export function requestChecks(config: WebConfig, clientAddressResolved: boolean) {
  return {
    // Explicit, so every environment checks origins: Better Auth skips the
    // check under NODE_ENV=test unless told otherwise.
    disableOriginCheck: false,
    disableCSRFCheck: false,
    useSecureCookies: config.baseUrl.startsWith("https://"),
    ipAddress: clientAddressOptions(config, clientAddressResolved),
  };
}
