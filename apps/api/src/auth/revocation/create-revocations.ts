import type { Config } from "../../config.js";
import { createFeedClient } from "./feed-client.js";
import { resolveFeedSecret } from "./feed-secret.js";
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

/**
 * The revocation list and the poller that fills it, from the config. The
 * poller is started and stopped by the app (app.ts: onReady, onClose).
 */
export function createRevocations(config: Config, deps: RevocationDeps): RevocationPoller {
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
  return new RevocationPoller({
    client,
    list,
    pollMs: config.revocations.pollMs,
    url: config.revocations.url,
    deleteUserData: deps.deleteUserData,
    log: deps.log,
    ...(deps.now && { now: deps.now }),
  });
}
