import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../server/config.server";
import { type Auth, closeAuth, createAuth } from "./auth.server";
import { migrate } from "./database/migrate.server";
import { createStore, ENGINES, type TestStore } from "./testing/databases";

const SECRET = "k3Jq9xV2mP7rT5wY8zB1nC4fH6gL0dSa-test-only";

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

async function signUp(auth: Auth, email: string): Promise<Headers> {
  const { headers } = await auth.api.signUpEmail({
    body: { name: "Ada Lovelace", email, password: "correct horse battery" },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  return new Headers({ cookie });
}

describe.each(ENGINES)("auth (Better Auth + jwt plugin on %s)", (engine) => {
  let store: TestStore;
  let auth: Auth;
  let created: string[];

  beforeAll(async () => {
    store = await createStore(engine);
    auth = createAuth(parseConfig(store.env, store.env.DATA_DIR ?? ""), SECRET);
    ({ created } = await migrate(auth));
  });
  afterAll(async () => {
    await closeAuth(auth);
    await store.dispose();
  });

  it("creates every table on a fresh database, then migrates idempotently", async () => {
    expect(created.sort()).toEqual(
      [
        "account",
        "accountLimit",
        "jwks",
        "rateLimit",
        "revocation",
        "sessionEnding",
        "session",
        "user",
        "verification",
      ].sort(),
    );
    expect(await migrate(auth)).toEqual({ created: [], altered: [] });
  });

  it("makes the one signing key at migration, so concurrent first /jwks requests cannot each make one", async () => {
    // Before the fix, the api's first JWKS fetch and the readiness probe each
    // created a key on a fresh database; tokens then carried a kid the api
    // had not seen.
    const answers = await Promise.all(Array.from({ length: 5 }, () => auth.api.getJwks()));
    const kids = new Set(answers.flatMap(({ keys }) => keys.map((key) => key.kid)));
    expect(kids.size).toBe(1);
  });

  // Several processes on one SQLite file is not a supported deployment, so
  // this runs on the PostgreSQL pass only (which CI always has).
  it.skipIf(engine === "sqlite")(
    "lets several instances migrate one fresh database at the same time",
    async () => {
      const shared = await createStore(engine);
      const config = parseConfig(shared.env, shared.env.DATA_DIR ?? "");
      const instances = [createAuth(config, SECRET), createAuth(config, SECRET)];
      try {
        const results = await Promise.all(instances.map((instance) => migrate(instance)));
        // The advisory lock serialises them: one creates, the other finds it done.
        expect(results.some((result) => result.created.includes("user"))).toBe(true);
        expect(await migrate(instances[0] as Auth)).toEqual({ created: [], altered: [] });
      } finally {
        for (const instance of instances) await closeAuth(instance);
        await shared.dispose();
      }
    },
  );

  it("mints a token with only sub, sid, iss, aud, iat and exp, signed RS256 with a published kid", async () => {
    const headers = await signUp(auth, "ada@example.com");
    const session = await auth.api.getSession({ headers });
    const { token } = await auth.api.getToken({ headers });
    const [rawHeader, rawPayload, rawSignature] = token.split(".");

    const header = decodePart(rawHeader);
    expect(header.alg).toBe("RS256");
    expect(typeof header.kid).toBe("string");

    const payload = decodePart(rawPayload);
    expect(Object.keys(payload).sort()).toEqual(["aud", "exp", "iat", "iss", "sid", "sub"]);
    expect(payload).toMatchObject({
      sub: session?.user.id,
      sid: session?.session.id,
      iss: "http://localhost:3000",
      aud: "http://localhost:8000",
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(900);

    const { keys } = await auth.api.getJwks();
    const jwk = keys.find((key) => key.kid === header.kid);
    expect(jwk?.alg).toBe("RS256");
    const publicKey = createPublicKey({ key: { ...jwk }, format: "jwk" });
    const signed = Buffer.from(`${rawHeader}.${rawPayload}`);
    expect(
      verify("RSA-SHA256", signed, publicKey, Buffer.from(rawSignature ?? "", "base64url")),
    ).toBe(true);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    await signUp(auth, "grace@example.com");
    const attempt = (email: string, password: string) =>
      auth.api.signInEmail({ body: { email, password } }).then(
        () => null,
        (error: unknown) => error,
      );
    const wrongPassword = await attempt("grace@example.com", "not the password");
    const unknownEmail = await attempt("nobody@example.com", "not the password");

    expect(wrongPassword).toMatchObject({
      statusCode: 401,
      body: { code: "INVALID_EMAIL_OR_PASSWORD" },
    });
    expect(unknownEmail).toMatchObject({
      statusCode: 401,
      body: { code: "INVALID_EMAIL_OR_PASSWORD" },
    });
    const body = (error: unknown) =>
      error instanceof Error && "body" in error ? error.body : null;
    expect(body(unknownEmail)).toEqual(body(wrongPassword));
  });
});
