// RFC 9449 §4.3: `htu` is compared with the request's URI ignoring query and
// fragment, after syntax- and scheme-based normalisation (RFC 3986 §6.2.2,
// §6.2.3). WHATWG URL parsing already lower-cases scheme and host, drops a
// default port, resolves dot segments and turns an empty path into "/"; what
// it leaves is percent-encoding, normalised here.

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function normalisePercent(path: string): string {
  if (!path.includes("%")) return path;
  return path.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** `scheme://host[:port]/path` of an absolute http(s) URL, or null if it is not one. */
export function normaliseHtu(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // Userinfo has no place in a request's target URI.
  if (url.username !== "" || url.password !== "") return null;
  return `${url.protocol}//${url.host}${normalisePercent(url.pathname)}`;
}

// A path URL parsing would leave as it is: non-empty segments of unreserved
// characters, no dot segments, no percent-encoding.
const PLAIN_PATH = /^(?:\/[A-Za-z0-9\-_~]+)+$/;

/**
 * The URI the client addressed: the api's public URL (API_URL normalised,
 * without a trailing slash; it may carry a path prefix when a proxy mounts
 * the api below one) plus the path the request names, without its query or
 * fragment.
 */
export function requestHtu(publicUrl: string, rawUrl: string): string | null {
  const end = rawUrl.search(/[?#]/);
  const path = end === -1 ? rawUrl : rawUrl.slice(0, end);
  // `publicUrl` is normalised already (createProofVerifier), so a plain path
  // needs no parsing: the common case costs a regular expression.
  if (PLAIN_PATH.test(path)) return `${publicUrl}${path}`;
  return normaliseHtu(`${publicUrl}${path.startsWith("/") ? path : `/${path}`}`);
}
