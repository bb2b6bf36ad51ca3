import { z } from "zod";
import { DPOP_MODES, integer } from "./kinds";
import { variables } from "./registry";

/** What only the api (Fastify) reads. */
export const apiEnv = {
  API_HOST: z.string().min(1).default("0.0.0.0").register(variables, {
    app: "api",
    default: "`0.0.0.0`",
    example: "0.0.0.0",
    doc: "Interface the api listens on.",
  }),
  API_REQUEST_TIMEOUT_MS: integer(30_000, 100, 59_000).register(variables, {
    app: "api",
    default: "`30000`",
    example: "30000",
    doc: "A whole request (headers and body) must arrive within this; at most 59 s, so a slow client is closed within 60 s.",
  }),
  API_HEADERS_TIMEOUT_MS: integer(10_000, 100, 59_000).register(variables, {
    app: "api",
    default: "`10000`",
    example: "10000",
    doc: "A request's headers must arrive within this (not more than API_REQUEST_TIMEOUT_MS).",
  }),
  API_KEEP_ALIVE_TIMEOUT_MS: integer(10_000, 100, 600_000).register(variables, {
    app: "api",
    default: "`10000`",
    example: "10000",
    doc: "An idle kept-alive connection closes after this; behind a load balancer set it above the balancer's idle timeout.",
  }),
  API_RATE_LIMIT_CLIENT_MAX: integer(3_000, 1, 1_000_000_000).register(variables, {
    app: "api",
    default: "`3000`",
    example: "3000",
    doc: "Requests per window per client address (429 with Retry-After beyond it).",
  }),
  API_RATE_LIMIT_USER_MAX: integer(1_200, 1, 1_000_000_000).register(variables, {
    app: "api",
    default: "`1200`",
    example: "1200",
    doc: "Requests per window per signed-in user, across addresses.",
  }),
  API_RATE_LIMIT_WINDOW_SECONDS: integer(60, 1, 3_600).register(variables, {
    app: "api",
    default: "`60`",
    example: "60",
    doc: "The api's rate-limit window, in seconds.",
  }),
  DPOP_MODE: z
    .enum(DPOP_MODES, { error: `allowed: ${DPOP_MODES.join(", ")}` })
    .default("allowed")
    .register(variables, {
      app: "api",
      default: "`allowed`",
      example: "allowed",
      doc: "DPoP token binding: allowed (bound tokens need proofs), required (unbound refused) or off.",
    }),
  DB_STATEMENT_TIMEOUT_MS: integer(5_000, 100, 600_000).register(variables, {
    app: "api",
    default: "`5000`",
    example: "5000",
    doc: "Longest a PostgreSQL statement may run before it is cancelled.",
  }),
  JWKS_MAX_STALE_SECONDS: integer(86_400, 1, 30 * 86_400).register(variables, {
    app: "api",
    default: "`86400`",
    example: "86400",
    doc: "How long the last good keys serve while the web app is unreachable.",
  }),
  JWKS_TIMEOUT_MS: integer(5_000, 100, 60_000).register(variables, {
    app: "api",
    default: "`5000`",
    example: "5000",
    doc: "Give up on a JWKS or revocation-feed fetch after this many milliseconds.",
  }),
  JWT_CLOCK_TOLERANCE_SECONDS: integer(30, 0, 300).register(variables, {
    app: "api",
    default: "`30`",
    example: "30",
    doc: "Clock skew tolerated on exp, nbf and iat.",
  }),
  JWT_MAX_TOKEN_AGE_SECONDS: integer(3_600, 60, 86_400).register(variables, {
    app: "api",
    default: "`3600`",
    example: "3600",
    doc: "The oldest iat accepted, in seconds.",
  }),
  REVOCATION_POLL_SECONDS: integer(2, 1, 60).register(variables, {
    app: "api",
    default: "`2`",
    example: "2",
    doc: "Seconds between polls of the revocation feed; a revoked token is refused within about this.",
  }),
  REVOCATION_MAX_STALE_SECONDS: integer(0, 0, 86_400).register(variables, {
    app: "api",
    default: "`0` (never refuse for a stale list)",
    example: "0",
    doc: "0: keep trusting the last list while the feed is down; N (≥ 2 polls): answer 503 once it is N seconds old.",
  }),
};
