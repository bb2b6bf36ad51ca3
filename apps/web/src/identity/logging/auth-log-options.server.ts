import type { LogLevel } from "../../server/config.server";
import { getLogger } from "../../server/logger.server";
import { betterAuthLogger } from "./auth-logger.server";

/** Better Auth's `logger` option for the configured LOG_LEVEL. */
export function authLogOptions(level: LogLevel) {
  if (level === "silent") return { disabled: true };
  return betterAuthLogger(getLogger(), authLogLevel(level));
}

function authLogLevel(level: Exclude<LogLevel, "silent">): "debug" | "info" | "warn" | "error" {
  if (level === "trace") return "debug";
  if (level === "fatal") return "error";
  // Better Auth's info lines name people ("Sign-up attempt for existing email:
  // <email>"); personal data stays out of logs unless someone is debugging.
  if (level === "info") return "warn";
  return level;
}
