import { symmetricEncrypt } from "better-auth/crypto";
import { generateExportedKeyPair, type JwtOptions } from "better-auth/plugins";
import type { Auth } from "../auth.server";

type KeyRow = { id: string; createdAt: Date; expiresAt?: Date | null };

export type RotationOptions = {
  jwtOptions: JwtOptions;
  /** Wait between publishing the new key and signing with it. */
  publishDelayMs: number;
  /** Compromised key: sign with the new key at once and unpublish the old ones. */
  emergency?: boolean;
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
};

export type RotationResult = { newKeyId: string; retiredKeyIds: string[] };

/**
 * Rotates the JWT signing key without failing a request:
 * 1. stage: a new key enters the JWKS, dated before the current key, so the
 *    plugin (which signs with the newest live key) keeps signing with the old;
 * 2. wait one api JWKS cooldown: from then on, any api that meets the new kid
 *    refetches a JWKS that already has it;
 * 3. activate: the old keys expire now, so the new key signs; Better Auth
 *    keeps publishing expired keys for the grace period, long enough for
 *    every token they signed to expire.
 */
export async function rotateSigningKey(
  auth: Auth,
  options: RotationOptions,
): Promise<RotationResult> {
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const context = await auth.$context;
  const { adapter } = context;
  const now = Date.now();
  const existing = await adapter.findMany<KeyRow>({ model: "jwks" });
  const live = existing.filter((key) => !key.expiresAt || key.expiresAt.getTime() > now);
  const oldest = Math.min(now, ...existing.map((key) => key.createdAt.getTime()));

  const { publicWebKey, privateWebKey, alg, cfg } = await generateExportedKeyPair(
    options.jwtOptions,
  );
  const crv = cfg && "crv" in cfg ? cfg.crv : undefined;
  // Stored exactly as the plugin stores its own keys, so it can sign with it.
  const privateKey = JSON.stringify(
    await symmetricEncrypt({ key: context.secretConfig, data: JSON.stringify(privateWebKey) }),
  );
  const staged = await adapter.create<Record<string, unknown>, KeyRow>({
    model: "jwks",
    data: {
      publicKey: JSON.stringify(publicWebKey),
      privateKey,
      alg,
      ...(crv ? { crv } : {}),
      createdAt: new Date(live.length > 0 ? oldest - 1_000 : now),
    },
  });
  log(`published new signing key ${staged.id}`);

  if (options.emergency) {
    for (const key of existing) {
      await adapter.delete({ model: "jwks", where: [{ field: "id", value: key.id }] });
    }
    log(
      `emergency: removed ${existing.length} old key(s) from the JWKS; tokens they signed are refused once each api refreshes`,
    );
    return { newKeyId: staged.id, retiredKeyIds: existing.map((key) => key.id) };
  }

  if (live.length > 0) {
    log(
      `waiting ${Math.round(options.publishDelayMs / 1000)} s for every api to be able to see it`,
    );
    await sleep(options.publishDelayMs);
  }
  const retiredAt = new Date();
  for (const key of live) {
    await adapter.update({
      model: "jwks",
      where: [{ field: "id", value: key.id }],
      update: { expiresAt: retiredAt },
    });
  }
  log(
    `now signing with ${staged.id}; retired ${live.map((key) => key.id).join(", ") || "nothing"}`,
  );
  return { newKeyId: staged.id, retiredKeyIds: live.map((key) => key.id) };
}
