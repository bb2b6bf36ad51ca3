import Bowser from "bowser";

export type DeviceDescription = { browser: string | null; os: string | null; label: string };

const UNKNOWN_DEVICE = "Unknown device";

function browserOf(result: Bowser.Parser.ParsedResult): string | null {
  const { name, version } = result.browser;
  if (!name) return null;
  // The major version is enough to tell devices apart; the rest is noise.
  const major = version?.split(".")[0];
  return major ? `${name} ${major}` : name;
}

// The name only: browsers freeze the OS version in the header (every Mac says
// 10.15.7, Windows 11 says 10), so a version would often be wrong.
function osOf(result: Bowser.Parser.ParsedResult): string | null {
  return result.os.name || null;
}

/** "Chrome 131 on Windows" from a session's stored User-Agent header. */
export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  if (!userAgent?.trim()) return { browser: null, os: null, label: UNKNOWN_DEVICE };
  const result = Bowser.parse(userAgent);
  const browser = browserOf(result);
  const os = osOf(result);
  const label = browser && os ? `${browser} on ${os}` : (browser ?? os ?? UNKNOWN_DEVICE);
  return { browser, os, label };
}
