import type { Config } from "../../config.js";
import { createFeedClient } from "./feed-client.js";
import { resolveFeedSecret } from "./feed-secret.js";
import { createRevocationGuard, type RevocationGuard } from "./revocation-guard.js";
import { RevocationList } from "./revocation-list.js";
import { type RevocationLog, RevocationPoller } from "./revocation-poller.js";
import type { DeleteUserData } from "./user-data-eraser.js";

export interface RevocationDeps {
  /**
   * Erases a deleted account's data. Passed in by the composition root
   * (main.ts), so auth/ never imports the tasks layer above it.
   */
  deleteUserData: DeleteUserData;
  log: RevocationLog;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Everything the app needs of revocation, assembled here and nowhere else. */
export interface Revocations {
  /** Refuses revoked sessions and deleted accounts; its isStale() feeds /ready. */
  guard: RevocationGuard;
  /** Polls the feed from the app's onReady... */
  start(): void;
  /** ...until its onClose, waiting for a deletion in flight. */
  stop(): Promise<void>;
  /** The poller itself, so tests can sync on demand. */
  poller: RevocationPoller;
}

/** The revocation list, the poller that fills it and the guard that reads it, from the config. */
export function createRevocations(config: Config, deps: RevocationDeps): Revocations {
  const toleranceMs = config.jwt.clockToleranceSeconds * 1000;
  const list = new RevocationList({
    graceMs: toleranceMs,
    maxRetentionMs: config.jwt.maxTokenAgeSeconds * 1000 + toleranceMs,
  });
  const client = createFeedClient({
    url: config.revocations.url,
    timeoutMs: config.revocations.timeoutMs,
    secret: resolveFeedSecret(config),
    ...(deps.fetch && { fetch: deps.fetch }),
  });
  const poller = new RevocationPoller({
    client,
    list,
    pollMs: config.revocations.pollMs,
    url: config.revocations.url,
    deleteUserData: deps.deleteUserData,
    log: deps.log,
    ...(deps.now && { now: deps.now }),
  });
  const guard = createRevocationGuard({
    list,
    lastSyncAt: () => poller.lastSyncAt(),
    maxStaleMs: config.revocations.maxStaleMs,
    now: deps.now ?? Date.now,
  });
  return {
    guard,
    start: () => poller.start(),
    stop: () => poller.stop(),
    poller,
  };
}
