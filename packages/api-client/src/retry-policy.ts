import type { RetryOptions } from "ky";

/** At most 3 tries in all: the first and two retries. */
export const MAX_TRIES = 3;

/**
 * Retries for requests that are safe to repeat (GET, PUT, DELETE, the
 * `complete` set form, and POST carrying an Idempotency-Key): network errors,
 * 502, 503, 504, and 429/503 after their `Retry-After`. Exponential backoff
 * with full jitter, so many clients recovering from one outage do not return
 * in lockstep.
 */
export const SAFE_RETRY: RetryOptions = {
  limit: MAX_TRIES - 1,
  methods: ["get", "put", "delete", "post", "patch"],
  statusCodes: [429, 502, 503, 504],
  afterStatusCodes: [429, 503],
  // A Retry-After longer than this is not worth holding the user for.
  maxRetryAfter: 30_000,
  backoffLimit: 5_000,
  delay: (attempt) => 300 * 2 ** (attempt - 1),
  jitter: true,
  retryOnTimeout: true,
};

/** For requests that must not be sent twice (a toggle, a partial update). */
export const NO_RETRY: RetryOptions = { limit: 0 };
