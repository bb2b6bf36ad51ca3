import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";
import { escapeLogLine } from "./escape-line.js";
import { createIsoTime } from "./iso-time.js";
import { createStdoutDestination } from "./stdout-destination.js";

/**
 * The process logger: JSON lines. Tests pass a destination to capture output.
 * Credentials are redacted wherever headers could end up in a log object, and
 * every line is one JSON object with no raw control character (escape-line.ts),
 * so no value a request carries can forge a line or drive a terminal.
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "api" },
    timestamp: createIsoTime(),
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "headers.authorization",
        "headers.cookie",
        'res.headers["set-cookie"]',
      ],
      censor: "[redacted]",
    },
    hooks: { streamWrite: escapeLogLine },
  };
  return pino(options, destination ?? createStdoutDestination());
}
