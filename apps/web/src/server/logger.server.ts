import { type DestinationStream, type Logger, pino } from "pino";
import { getConfig, type LogLevel } from "./config.server";

// The web app logs JSON lines like the api (apps/api/src/logging/logger.ts):
// one object per line, so a newline or an escape sequence inside a logged
// value is escaped by JSON and can never start a line of its own.

/** Wherever credentials could sit in a logged object. */
const REDACT_PATHS = [
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "*.token",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.secret",
  "*.cookie",
  "*.authorization",
  "*.accessToken",
  "*.refreshToken",
  "*.idToken",
];

export function createWebLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "web" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  // process.stdout rather than pino's own file-descriptor writer: Next's
  // output and ours stay in order, and tests can watch one stream.
  return pino(options, destination ?? process.stdout);
}

const globalKey = Symbol.for("taskgate.web.logger");
type Holder = { [globalKey]?: Logger };

/**
 * The process logger, shared by every bundle. Its level comes from the
 * configuration; when the configuration itself is invalid the logger still
 * works (at info) so that problem can be logged.
 */
export function getLogger(): Logger {
  const holder = globalThis as Holder;
  const existing = holder[globalKey];
  if (existing) return existing;
  let level: LogLevel = "info";
  try {
    level = getConfig().logLevel;
  } catch {
    // Reported by whoever reads the configuration next (start-up).
  }
  const logger = createWebLogger(level);
  holder[globalKey] = logger;
  return logger;
}

/** An error as name and message only: never a stack, a request or its body. */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "unknown", message: String(error) };
}
