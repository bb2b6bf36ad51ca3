import { z } from "zod";
import { integer, secret } from "./kinds";
import { variables } from "./registry";

/** What only the web app (Next.js + Better Auth) reads. */
export const webEnv = {
  BETTER_AUTH_SECRET: secret.optional().register(variables, {
    app: "web",
    default:
      "generated once into `./data/auth-secret` with SQLite; required (≥ 32 chars) with PostgreSQL",
    doc: "Encrypts the signing keys. At least 32 random characters; placeholders are refused.",
  }),
  JWT_TTL_SECONDS: integer(900, 60, 86_400).register(variables, {
    app: "web",
    default: "`900`",
    example: "900",
    doc: "Lifetime of the JWTs the web app signs, in seconds.",
  }),
  AUTH_RATE_LIMIT_MAX: integer(3, 1, 10_000).register(variables, {
    app: "web",
    default: "`3`",
    example: "3",
    doc: "Sign-in and sign-up attempts allowed per client address per window (always enforced); failed sign-ins are also limited per account (docs/security.md).",
  }),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: integer(10, 1, 3_600).register(variables, {
    app: "web",
    default: "`10`",
    example: "10",
    doc: "The rate-limit window, in seconds.",
  }),
  TRUSTED_PROXIES: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], "must be IPs or CIDRs")))
    .default([])
    .register(variables, {
      app: "web",
      default: "empty: the socket's peer address is the client",
      doc: "Proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For entries are believed (the api reads the same list for its own limits).",
    }),
};
