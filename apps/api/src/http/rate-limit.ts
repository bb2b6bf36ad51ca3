import rateLimit, { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { Redis } from "ioredis";
import type { Config } from "../config.js";
import { AppError } from "./app-error.js";
import { noteRefusal } from "./refusal.js";

// A Redis that does not answer must not hold requests up: commands fail fast
// and the limit is skipped (skipOnError) until it is back.
const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_ERROR_LOG_INTERVAL_MS = 30_000;
const REDIS_READY_WAIT_MS = 2000;

export interface RateLimits {
  /** onRequest hook for an authenticated scope, after authentication: the per-user limit. */
  perUser: onRequestAsyncHookHandler;
}

type Limiter = ReturnType<FastifyInstance["createRateLimit"]>;

function redisClient(app: FastifyInstance, url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: REDIS_READY_WAIT_MS,
  });
  let lastLogged = 0;
  // Without a listener ioredis writes its own (non-JSON) line per error.
  redis.on("error", (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < REDIS_ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    app.log.warn({ event: "redis.error", err: error }, "Redis unavailable; rate limits skipped");
  });
  // Counting starts with the first request: wait (briefly) for the
  // connection, else those requests would skip the limit. Redis down at
  // start-up is no reason not to serve.
  app.addHook("onReady", async () => {
    if (redis.status === "ready") return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, REDIS_READY_WAIT_MS);
      function done() {
        clearTimeout(timer);
        redis.off("ready", done);
        resolve();
      }
      redis.once("ready", done);
    });
  });
  app.addHook("onClose", async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return redis;
}

function limitHook(limiter: Limiter, reason: string): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return;
    noteRefusal(request, {
      level: "warn",
      event: "rate_limit.exceeded",
      reason,
      msg: "rate limited",
    });
    throw new AppError(429, "RATE_LIMITED", "Too many requests, try again later", {
      headers: { "retry-after": String(Math.max(1, result.ttlInSeconds)) },
    });
  };
}

/**
 * The api's own limits (decision 035), with @fastify/rate-limit's counters:
 * per client address on every request, before authentication, so anonymous
 * work is bounded; per user (the token's sub) after authentication. In Redis
 * when REDIS_URL is set (shared by every instance), else in memory. A refusal
 * is 429 problem+json with Retry-After and one log line.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  config: Pick<Config, "rateLimit" | "redis">,
): Promise<RateLimits> {
  const { redis } = config;
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...(redis && {
      redis: redisClient(app, redis.url),
      nameSpace: `taskgate:${redis.keyPrefix}api-rate-limit:`,
    }),
  });
  const timeWindow = config.rateLimit.windowMs;
  const perClient = app.createRateLimit({
    max: config.rateLimit.clientMax,
    timeWindow,
    // The client address (the socket's peer, or what a trusted proxy says);
    // IPv6 addresses of one /64 share a bucket, like one IPv4 address.
    keyGenerator: (request) => `client:${normalizeIP(request.ip)}`,
  });
  const perUser = app.createRateLimit({
    max: config.rateLimit.userMax,
    timeWindow,
    keyGenerator: (request) => `user:${request.user?.id ?? ""}`,
  });
  app.addHook("onRequest", limitHook(perClient, "CLIENT_LIMIT"));
  return { perUser: limitHook(perUser, "USER_LIMIT") };
}
