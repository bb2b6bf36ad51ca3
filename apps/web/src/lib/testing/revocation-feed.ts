import { type RevocationFeed, RevocationFeedSchema } from "@taskgate/contracts/revocation";
import { z } from "zod";
import { call, type TestAuth } from "./auth-http";

/** `GET /api/auth/revocations?since=` through the real handler, checked against the contract. */
export async function readFeed(t: TestAuth, since?: number): Promise<RevocationFeed> {
  const response = await call(
    t,
    since === undefined ? "/revocations" : `/revocations?since=${since}`,
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
