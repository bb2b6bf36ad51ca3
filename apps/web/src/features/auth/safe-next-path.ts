export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

// Control characters (C0, DEL, C1): browsers strip some of them from URLs,
// which can turn "/\t/evil.com" into "//evil.com".
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

const BASE = "http://same-origin.invalid";
const MAX_LENGTH = 2048;
// Rounds of percent-decoding a path is checked through: a proxy or router
// that decodes once (or twice) must not find "//" or "\" either.
const DECODE_ROUNDS = 3;

/**
 * True when `path` starts with exactly one "/" followed by neither "/" nor
 * "\", and holds no backslash or control character: a browser resolves it
 * against our origin, never as "//host" (protocol-relative) or "/\host".
 */
function isPlainPath(path: string): boolean {
  if (!path.startsWith("/")) return false;
  if (path[1] === "/" || path[1] === "\\") return false;
  return !path.includes("\\") && !CONTROL_CHARS.test(path);
}

/**
 * The path as the URL parser normalises it ("/a/..//x" becomes "//x"), or
 * null when the parser leaves our origin or the result is not a plain path.
 */
function normalise(raw: string): URL | null {
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE || !isPlainPath(url.pathname)) return null;
    return url;
  } catch {
    return null;
  }
}

/** True when every percent-decoding of the path (up to DECODE_ROUNDS) is still a plain path. */
function survivesDecoding(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round < DECODE_ROUNDS; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return true;
    if (!isPlainPath(decoded) || normalise(decoded) === null) return false;
    current = decoded;
  }
  // Still changing after the last round: more encoding layers than any real link has.
  return decodeSafely(current) === current;
}

function decodeSafely(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * A same-origin path built from `raw`, or null. Guards the `next` parameter
 * against open redirects: the raw value and its normalised form must both be
 * a plain path (one leading "/", then neither "/" nor "\"), with no scheme,
 * backslash or control character, also after percent-decoding. What is
 * returned is the normalised value, checked again, so what the browser is
 * sent to is exactly what was checked.
 */
export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (!isPlainPath(raw)) return null;
  const url = normalise(raw);
  if (url === null || !survivesDecoding(url.pathname)) return null;
  const result = `${url.pathname}${url.search}${url.hash}`;
  // The result is a fixed point: parsing it again gives the same path.
  const again = normalise(result);
  if (again === null || `${again.pathname}${again.search}${again.hash}` !== result) return null;
  return result;
}

/** Where to go after signing in: the safe `next`, else the dashboard. */
export function afterSignInPath(raw: unknown): string {
  return safeNextPath(raw) ?? DEFAULT_AFTER_SIGN_IN;
}
