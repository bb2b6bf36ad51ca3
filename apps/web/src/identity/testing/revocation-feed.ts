import { type RevocationFeed, RevocationFeedSchema } from "@taskgate/contracts/revocation";
import { z } from "zod";
import { resolveFeedSecret } from "../revocation/feed-credential.server";
import { call, type TestAuth } from "./auth-http";

/** The feed credential of `t`'s store: configured (PostgreSQL) or generated under DATA_DIR. */
export function feedSecretOf(t: TestAuth): string {
  return resolveFeedSecret({
    revocationFeedSecret: t.store.env.REVOCATION_FEED_SECRET,
    database:
      t.store.engine === "sqlite"
        ? { kind: "sqlite", path: "" }
        : { kind: "postgres", url: "", poolMax: 1 },
    dataDir: t.store.env.DATA_DIR ?? "",
  });
}

/** The headers the api reads the feed with. */
export function feedHeaders(t: TestAuth): Record<string, string> {
  return { authorization: `Bearer ${feedSecretOf(t)}` };
}

/** `GET /api/auth/revocations?since=` through the real handler, checked against the contract. */
export async function readFeed(t: TestAuth, since?: number): Promise<RevocationFeed> {
  const response = await call(
    t,
    since === undefined ? "/revocations" : `/revocations?since=${since}`,
    { headers: feedHeaders(t) },
  );
  if (response.status !== 200) throw new Error(`feed answered ${response.status}`);
  return RevocationFeedSchema.parse(await response.json());
}

const SessionSchema = z.object({
  session: z.object({ id: z.string(), token: z.string(), userId: z.string() }),
});

/** The session behind `cookie`, as `GET /get-session` reports it. */
export async function sessionOf(t: TestAuth, cookie: string) {
  const response = await call(t, "/get-session", { headers: { cookie } });
  return SessionSchema.parse(await response.json()).session;
}
