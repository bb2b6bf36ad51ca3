import { JwksUnavailableError } from "./errors.js";
import { importKeySet, JwksBodySchema, type KeyEntry } from "./jwks-keys.js";
import { readBoundedText } from "./read-bounded.js";

// Our own cache instead of jose's createRemoteJWKSet: that one blocks on a
// reload once its keys are older than cacheMaxAge and then fails while the web
// app is down, even with good keys in memory. Here the last good key set keeps
// serving (bounded by maxStaleMs) and refreshes never block a known kid.

export interface JwksLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface JwksCacheOptions {
  url: string;
  algorithms: readonly string[];
  cooldownMs: number;
  cacheMaxAgeMs: number;
  maxStaleMs: number;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
  log?: JwksLog;
}

/** While nothing is loaded, retry sooner than the cooldown so a late-starting web app is picked up. */
const COLD_RETRY_MS = 5000;
/** A real key set is a few KiB; reading stops as soon as a body passes this. */
const MAX_BODY_BYTES = 512 * 1024;

const silent: JwksLog = { info: () => {}, warn: () => {} };

export class JwksCache {
  #keys: Map<string, KeyEntry> | null = null;
  #version = 0;
  #loadedAt = 0;
  #lastAttemptAt = Number.NEGATIVE_INFINITY;
  #inflight: Promise<void> | null = null;
  #fetchCount = 0;
  readonly #opts: JwksCacheOptions;
  readonly #now: () => number;
  readonly #fetch: typeof fetch;
  readonly #log: JwksLog;

  constructor(options: JwksCacheOptions) {
    this.#opts = options;
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? fetch;
    this.#log = options.log ?? silent;
  }

  /** How many times the JWKS URL was requested (tests and metrics). */
  get fetchCount(): number {
    return this.#fetchCount;
  }

  /** True while a key set within the staleness bound is in memory. */
  isLoaded(): boolean {
    return this.#usableKeys() !== null;
  }

  /** Loads the key set if allowed now; never throws (start-up and /ready must survive an outage). */
  async warmUp(): Promise<boolean> {
    if (this.#inflight === null && !this.#mayFetch(this.#retryGap())) return this.isLoaded();
    await this.#refresh().catch(() => undefined);
    return this.isLoaded();
  }

  /**
   * Fetches the JWKS now, whatever the cooldown: the emergency-revocation lever
   * (SIGHUP in main.ts). A failed fetch keeps the last good keys.
   */
  async reload(): Promise<boolean> {
    await this.#refresh().catch(() => undefined);
    return this.isLoaded();
  }

  /**
   * The key for a kid, or undefined if the (possibly refreshed) set lacks it.
   * Throws JwksUnavailableError only when no usable key set exists at all.
   * The kid is only ever a Map key: never part of a URL, path or query.
   */
  async getKey(kid: string): Promise<KeyEntry | undefined> {
    const keys = this.#usableKeys();
    const known = keys?.get(kid);
    if (known) {
      this.#refreshIfDue();
      return known;
    }
    if (this.#inflight !== null || this.#mayFetch(this.#retryGap())) {
      await this.#refresh().catch(() => undefined);
    }
    const fresh = this.#usableKeys();
    if (fresh === null)
      throw new JwksUnavailableError("no usable JWKS: the web app is unreachable");
    return fresh.get(kid);
  }

  /**
   * The version of the usable key set (bumped on every successful load), or
   * null when there is none. Lets a cache of verified tokens trust an entry
   * only under the key set that verified it. Like getKey, it starts a
   * background refresh when one is due, so cache hits still keep keys fresh.
   */
  keySetVersion(): number | null {
    if (this.#usableKeys() === null) return null;
    this.#refreshIfDue();
    return this.#version;
  }

  #refreshIfDue(): void {
    if (this.#age() > this.#opts.cacheMaxAgeMs && this.#mayFetch(this.#opts.cooldownMs)) {
      void this.#refresh().catch(() => undefined);
    }
  }

  #retryGap(): number {
    return this.#usableKeys() === null
      ? Math.min(this.#opts.cooldownMs, COLD_RETRY_MS)
      : this.#opts.cooldownMs;
  }

  #age(): number {
    return this.#now() - this.#loadedAt;
  }

  #usableKeys(): Map<string, KeyEntry> | null {
    if (this.#keys === null || this.#age() > this.#opts.maxStaleMs) return null;
    return this.#keys;
  }

  #mayFetch(gapMs: number): boolean {
    return this.#now() - this.#lastAttemptAt >= gapMs;
  }

  /** Single-flight: concurrent callers share one request. */
  #refresh(): Promise<void> {
    this.#inflight ??= this.#load().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  async #load(): Promise<void> {
    this.#lastAttemptAt = this.#now();
    this.#fetchCount += 1;
    try {
      const keys = await this.#fetchKeys();
      this.#keys = keys;
      this.#version += 1;
      this.#loadedAt = this.#now();
      this.#log.info({ event: "jwks.loaded", kids: [...keys.keys()] }, "JWKS loaded");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#log.warn(
        { event: "jwks.fetch_failed", url: this.#opts.url, reason },
        "JWKS fetch failed",
      );
      throw new JwksUnavailableError("could not load the JWKS", { cause: error });
    }
  }

  async #fetchKeys(): Promise<Map<string, KeyEntry>> {
    const response = await this.#fetch(this.#opts.url, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(this.#opts.timeoutMs),
    });
    if (!response.ok) throw new Error(`JWKS endpoint answered ${response.status}`);
    const text = await readBoundedText(response, MAX_BODY_BYTES);
    const body = JwksBodySchema.safeParse(parseJson(text));
    if (!body.success) throw new Error("JWKS body is not {keys: [...]}");
    const { keys, problems } = await importKeySet(body.data.keys, this.#opts.algorithms);
    for (const problem of problems) {
      this.#log.warn({ event: "jwks.key_skipped", problem }, "JWKS key skipped");
    }
    if (keys.size === 0) throw new Error("JWKS has no usable signing key");
    return keys;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("JWKS body is not JSON");
  }
}
