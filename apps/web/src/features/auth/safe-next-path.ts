export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

// Control characters (C0, DEL, C1): browsers strip some of them from URLs,
// which can turn "/\t/evil.com" into "//evil.com".
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * `raw` if it is a same-origin path (a single leading "/", no scheme, no
 * backslash, no control characters), else null. Guards the `next` parameter
 * against open redirects.
 */
export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  if (raw.includes("\\") || CONTROL_CHARS.test(raw)) return null;
  // Second opinion from the URL parser: the path must stay on our origin.
  const base = "http://same-origin.invalid";
  try {
    const url = new URL(raw, base);
    if (url.origin !== base) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** Where to go after signing in: the safe `next`, else the dashboard. */
export function afterSignInPath(raw: unknown): string {
  return safeNextPath(raw) ?? DEFAULT_AFTER_SIGN_IN;
}
