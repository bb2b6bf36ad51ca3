import type { RevocationEntry } from "@taskgate/contracts/revocation";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RevocationsUnavailableError, TokenError } from "../errors.js";
import type { JwksCache } from "../jwks-cache.js";
import {
  claims,
  createTestKey,
  signRaw,
  type TestKey,
  type TestServer,
} from "../testing/jwks-fixture.js";
import { createTestVerifier, startLoadedJwks } from "../testing/verifier-setup.js";
import { createRevocationGuard } from "./revocation-guard.js";
import { RevocationList } from "./revocation-list.js";

let nowMs: number;
let lastSync: number | null;
let list: RevocationList;

const guard = (maxStaleMs = 0) =>
  createRevocationGuard({ list, lastSyncAt: () => lastSync, maxStaleMs, now: () => nowMs });

const revoke = (kind: RevocationEntry["kind"], id: string) =>
  list.add({ kind, id, revoked_at: nowMs, expires_at: nowMs + 960_000 }, nowMs);

beforeEach(() => {
  nowMs = Date.now();
  lastSync = nowMs;
  list = new RevocationList({ graceMs: 30_000, maxRetentionMs: 3_630_000 });
});

describe("revocation guard", () => {
  it("passes a token nobody revoked", () => {
    expect(() => guard().check({ sub: "u-1", sid: "s-1" })).not.toThrow();
  });

  it("refuses a revoked session's token with TokenError SESSION_REVOKED (a 401)", () => {
    revoke("session", "s-1");
    expect(() => guard().check({ sub: "u-1", sid: "s-1" })).toThrow(
      expect.objectContaining({ name: "TokenError", reason: "SESSION_REVOKED" }),
    );
  });

  it("refuses a deleted user's token with TokenError USER_DELETED (a 401)", () => {
    revoke("user", "u-1");
    expect(() => guard().check({ sub: "u-1", sid: "s-9" })).toThrow(
      expect.objectContaining({ name: "TokenError", reason: "USER_DELETED" }),
    );
  });

  it("fail-open mode (0) trusts a list of any age, even one never synced", () => {
    lastSync = null;
    expect(guard(0).isStale()).toBe(false);
    expect(() => guard(0).check({ sub: "u-1" })).not.toThrow();
  });

  it("strict mode refuses with RevocationsUnavailableError (a 503) once the last sync is older than the bound", () => {
    const strict = guard(10_000);
    nowMs += 10_000;
    expect(() => strict.check({ sub: "u-1" })).not.toThrow();
    nowMs += 1;
    expect(strict.isStale()).toBe(true);
    expect(() => strict.check({ sub: "u-1" })).toThrow(RevocationsUnavailableError);
  });

  it("strict mode is stale before the first sync", () => {
    lastSync = null;
    expect(() => guard(10_000).check({ sub: "u-1" })).toThrow(RevocationsUnavailableError);
  });

  it("strict mode still answers 401, not 503, for a token it knows is revoked", () => {
    revoke("session", "s-1");
    lastSync = null;
    expect(() => guard(10_000).check({ sub: "u-1", sid: "s-1" })).toThrow(TokenError);
  });
});

describe("token verifier with revocations", () => {
  let key: TestKey;
  let server: TestServer;
  let jwks: JwksCache;

  beforeEach(async () => {
    ({ key, server, jwks } = await startLoadedJwks());
  });

  afterEach(() => server.close());

  const verifier = () => createTestVerifier(jwks, { revocations: guard() });

  it("refuses a token served from the verified-token cache once its session is revoked", async () => {
    const verify = verifier();
    const getKey = vi.spyOn(jwks, "getKey");
    const token = await signRaw(key, claims({ sub: "u-1", sid: "s-1" }));
    await expect(verify(token)).resolves.toMatchObject({ sub: "u-1", sid: "s-1" });
    revoke("session", "s-1");
    await expect(verify(token)).rejects.toMatchObject({ reason: "SESSION_REVOKED" });
    // The refusal came from the cache hit: the signature was verified once.
    expect(getKey).toHaveBeenCalledTimes(1);
  });

  it("refuses a deleted user's token on its first verification too", async () => {
    revoke("user", "u-1");
    const token = await signRaw(key, claims({ sub: "u-1", sid: "s-1" }));
    await expect(verifier()(token)).rejects.toMatchObject({ reason: "USER_DELETED" });
  });

  it("reports a forged token with a revoked sid as a bad signature, not as revoked", async () => {
    revoke("session", "s-1");
    const forged = await signRaw(await createTestKey(key.kid), claims({ sid: "s-1" }));
    await expect(verifier()(forged)).rejects.toMatchObject({ reason: "SIGNATURE_INVALID" });
  });
});
