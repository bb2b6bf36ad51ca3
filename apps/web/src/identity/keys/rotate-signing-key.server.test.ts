import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig, type WebConfig } from "../../server/config.server";
import { type Auth, closeAuth, createAuth } from "../auth.server";
import { migrate } from "../database/migrate.server";
import { createStore, ENGINES, type TestStore } from "../testing/databases";
import { jwtPluginOptions } from "./jwt-options.server";
import { rotateSigningKey } from "./rotate-signing-key.server";

const SECRET = "k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa-test-only";

describe.each(ENGINES)("on %s", (engine) => {
  let store: TestStore;
  let config: WebConfig;
  let auth: Auth;
  let headers: Headers;

  async function kidOfNewToken(): Promise<string> {
    const { token } = await auth.api.getToken({ headers });
    const header = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));
    return header.kid;
  }

  async function publishedKids(): Promise<string[]> {
    const { keys } = await auth.api.getJwks();
    return keys.map((key: { kid?: string }) => key.kid ?? "");
  }

  beforeEach(async () => {
    store = await createStore(engine);
    config = parseConfig(store.env, store.env.DATA_DIR ?? "");
    auth = createAuth(config, SECRET);
    await migrate(auth);
    const signedUp = await auth.api.signUpEmail({
      body: { name: "Key Keeper", email: "keys@example.com", password: "correct horse battery" },
      returnHeaders: true,
    });
    headers = new Headers({
      cookie: signedUp.headers
        .getSetCookie()
        .map((value) => value.split(";")[0])
        .join("; "),
    });
  });

  afterEach(async () => {
    await closeAuth(auth);
    await store.dispose();
  });

  describe("signing key rotation", () => {
    it("F5: publishes the new key before signing with it, then keeps the old key published", async () => {
      const oldKid = await kidOfNewToken();
      const duringWait: { published: string[]; signing: string }[] = [];
      const result = await rotateSigningKey(auth, {
        jwtOptions: jwtPluginOptions(config),
        publishDelayMs: 35_000,
        sleep: async () => {
          duringWait.push({ published: await publishedKids(), signing: await kidOfNewToken() });
        },
      });

      expect(result.retiredKeyIds).toEqual([oldKid]);
      // While every api catches up, the old key still signs and both are published.
      expect(duringWait).toEqual([
        { published: expect.arrayContaining([oldKid, result.newKeyId]), signing: oldKid },
      ]);
      // Afterwards the new key signs and the old one stays published for its grace period.
      expect(await kidOfNewToken()).toBe(result.newKeyId);
      expect(await publishedKids()).toEqual(expect.arrayContaining([oldKid, result.newKeyId]));
    });

    it("F5: rotates again from a rotated state", async () => {
      const first = await rotateSigningKey(auth, {
        jwtOptions: jwtPluginOptions(config),
        publishDelayMs: 0,
      });
      const second = await rotateSigningKey(auth, {
        jwtOptions: jwtPluginOptions(config),
        publishDelayMs: 0,
      });
      expect(second.retiredKeyIds).toEqual([first.newKeyId]);
      expect(await kidOfNewToken()).toBe(second.newKeyId);
    });

    it("F7: an emergency rotation signs with the new key at once and unpublishes the old", async () => {
      const oldKid = await kidOfNewToken();
      const result = await rotateSigningKey(auth, {
        jwtOptions: jwtPluginOptions(config),
        publishDelayMs: 35_000,
        emergency: true,
        sleep: () => Promise.reject(new Error("an emergency rotation must not wait")),
      });
      expect(await kidOfNewToken()).toBe(result.newKeyId);
      expect(await publishedKids()).toEqual([result.newKeyId]);
      expect(result.retiredKeyIds).toContain(oldKid);
    });
  });
});
