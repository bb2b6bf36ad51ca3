// The client address of a request, worked out once by the web app's own HTTP
// server (apps/web/server.mjs) before Next sees the request. Plain JavaScript:
// it runs under `node` in every mode, the container included.
import proxyaddr from "@fastify/proxy-addr";
import ipaddr from "ipaddr.js";

/** Header the app reads the address from; its incoming value is always replaced. */
export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";

// Headers a client could use to name another address; none survives.
const CLIENT_WRITTEN = [
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
  "cf-connecting-ip",
  "true-client-ip",
];

const MARK = Symbol.for("taskgate.web.clientAddressResolved");

/**
 * Parses TRUSTED_PROXIES (comma-separated IPs or CIDRs) into a trust test.
 * Throws on an entry that is neither, so a typo stops start-up.
 * @param {string | undefined} list
 */
export function compileTrust(list) {
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return proxyaddr.compile(entries);
}

/** `::ffff:127.0.0.2` (a dual-stack socket) and `127.0.0.2` are one client. */
function canonical(address) {
  return ipaddr.process(address).toString();
}

/**
 * The socket's peer, or, when that peer is a trusted proxy, the rightmost
 * X-Forwarded-For entry that is not one. An entry that is not an address (a
 * proxy that did not append, a client's garbage) never becomes the client:
 * the nearest hop that is one does.
 * @param {import("node:http").IncomingMessage} req
 * @param {(address: string, index: number) => boolean} trust
 * @returns {string | undefined}
 */
export function resolveClientAddress(req, trust) {
  const peer = req.socket.remoteAddress;
  if (peer === undefined || !ipaddr.isValid(peer)) return undefined;
  // proxyaddr walks [peer, ...X-Forwarded-For from the right] and stops at
  // the first address it does not trust.
  const hops = proxyaddr.all(req, trust);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop !== undefined && ipaddr.isValid(hop)) return canonical(hop);
  }
  return canonical(peer);
}

/**
 * Wraps a Node request handler: every request reaches it with exactly one
 * client address in X-Forwarded-For, the one resolved above, and none of the
 * headers a client could have written to pose as someone else.
 * @template {import("node:http").IncomingMessage} Req
 * @template {import("node:http").ServerResponse} Res
 * @param {(req: Req, res: Res) => unknown} handler
 * @param {(address: string, index: number) => boolean} trust
 * @returns {(req: Req, res: Res) => unknown}
 */
export function withClientAddress(handler, trust) {
  markClientAddressResolved();
  return (req, res) => {
    const address = resolveClientAddress(req, trust);
    for (const name of CLIENT_WRITTEN) delete req.headers[name];
    if (address !== undefined) req.headers[CLIENT_ADDRESS_HEADER] = address;
    // Next's development server reads the raw header list, not req.headers.
    req.rawHeaders = rewriteRaw(req.rawHeaders, address);
    return handler(req, res);
  };
}

/**
 * @param {string[]} raw name, value, name, value, ...
 * @param {string | undefined} address
 */
function rewriteRaw(raw, address) {
  /** @type {string[]} */
  const kept = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = /** @type {string} */ (raw[i]);
    if (CLIENT_WRITTEN.includes(name.toLowerCase())) continue;
    kept.push(name, /** @type {string} */ (raw[i + 1]));
  }
  if (address !== undefined) kept.push(CLIENT_ADDRESS_HEADER, address);
  return kept;
}

/**
 * Called by the server that rewrites the header, in the process that serves
 * the app. Without it (plain `next start`) the header is the client's own, so
 * the app must not believe it.
 */
export function markClientAddressResolved() {
  /** @type {Record<symbol, unknown>} */ (globalThis)[MARK] = true;
}

/** Whether this process's requests come through withClientAddress. */
export function isClientAddressResolved() {
  return /** @type {Record<symbol, unknown>} */ (globalThis)[MARK] === true;
}
