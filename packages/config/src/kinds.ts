import { z } from "zod";
import { secretProblem } from "./secret";

// The value types variables share. An empty value never reaches them: parse.ts
// treats `NAME=` (as .env.example ships) as unset.

export const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const port = z.coerce
  .number({ error: "must be a port number" })
  .int("must be a port number")
  .min(0, "must be a port number (0..65535)")
  .max(65_535, "must be a port number (0..65535)");

export const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/** `https://app.example.com` (a trailing slash is dropped); a path is refused. */
export const origin = httpUrl
  .refine((value) => {
    // zod 4 runs every check, so this one also sees values that are no URL.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.pathname === "/" && url.search === "" && url.hash === "";
  }, "must be an origin like https://app.example.com (no path)")
  .transform((value) => new URL(value).origin);

export const commaList = (value: string): string[] =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/**
 * postgres:// or postgresql://, parsed as a URL (so a typo fails here, not at
 * the first query). It names a host, in the authority or as `?host=` (a Unix
 * socket: `postgres:///db?host=/run/postgresql`).
 */
export const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    const postgres = url.protocol === "postgres:" || url.protocol === "postgresql:";
    return postgres && (url.host !== "" || url.searchParams.has("host"));
  } catch {
    return false;
  }
}, "must be empty (SQLite under DATA_DIR) or a postgres:// URL");

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SIGNING_ALGORITHMS = ["RS256", "ES256", "PS256", "EdDSA"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export const DPOP_MODES = ["allowed", "required", "off"] as const;
export type DpopMode = (typeof DPOP_MODES)[number];

/** A secret of at least 32 characters that is not a pasted placeholder (secret.ts). */
export const secret = z.string().superRefine((value, ctx) => {
  const problem = secretProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
