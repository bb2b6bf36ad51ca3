import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";

/**
 * The process logger: JSON lines. Tests pass a destination to capture output.
 * Credentials are redacted wherever headers could end up in a log object.
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "api" },
    timestamp: pino.stdTimeFunctions.isoTime,
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
  };
  return destination ? pino(options, destination) : pino(options);
}
