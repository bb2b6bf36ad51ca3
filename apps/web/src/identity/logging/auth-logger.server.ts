import type { BetterAuthOptions } from "better-auth";
import type { Logger } from "pino";

type AuthLoggerOptions = NonNullable<BetterAuthOptions["logger"]>;
type AuthLevel = NonNullable<AuthLoggerOptions["level"]>;

// Credentials that can appear inside Better Auth's message strings, which
// pino's path redaction cannot see: JWTs, bearer values, cookie pairs and
// key=value secrets.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, "[redacted-jwt]"],
  [/\b(Bearer|DPoP|Basic)\s+[^\s"',;]+/gi, "$1 [redacted]"],
  [/((?:__Secure-|__Host-)?better-auth\.[\w.-]+=)[^\s;"',]+/gi, "$1[redacted]"],
  [/\b(token|password|secret|cookie)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, "$1$2[redacted]"],
];

/** `text` with every credential-looking part replaced. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS)
    result = result.replace(pattern, replacement);
  return result;
}

/** A logged argument as plain, redacted data: errors by name and message, text redacted. */
function toLoggable(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (typeof value === "string") return redactText(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  try {
    // JSON round trip: drops functions and cycles' failures land in the catch.
    return JSON.parse(redactText(JSON.stringify(value) ?? "null"));
  } catch {
    return "[unserialisable]";
  }
}

/**
 * Better Auth's `logger` option: its messages go through `logger` (pino) as
 * one JSON line each, under `event: "auth.log"`, with credentials redacted.
 * Without this Better Auth prints its messages raw (a refused callbackURL
 * exactly as sent, newlines and escape sequences included).
 */
export function betterAuthLogger(logger: Logger, level: AuthLevel): AuthLoggerOptions {
  const child = logger.child({ source: "better-auth" });
  return {
    level,
    disableColors: true,
    log(logLevel, message, ...args) {
      const fields = {
        event: "auth.log",
        ...(args.length > 0 && { args: args.map(toLoggable) }),
      };
      child[logLevel](fields, redactText(String(message)));
    },
  };
}
