import { CLIENT_ADDRESS_HEADER } from "../../server/client-address.mjs";
import type { WebConfig } from "../../server/config.server";

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
export function clientAddressOptions(config: WebConfig, clientAddressResolved: boolean) {
  if (clientAddressResolved) return { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] };
  if (config.trustedProxies.length === 0) return { ipAddressHeaders: [] };
  return { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: config.trustedProxies };
}
