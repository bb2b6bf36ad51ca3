import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PASSWORD, TEST_SECRET } from "../testing/auth-http";
import { revocation } from "./plugin.server";

const FEED_SECRET = "feed-secret-for-the-hooks-test-0123456789";

// The plugin adds its databaseHooks through init(); Better Auth keeps them
// apart from the app's own (options.databaseHooks) and runs both.

describe("next to the app's own databaseHooks", () => {
  it("both run: the plugin's hooks do not replace the app's", async () => {
    const seen: string[] = [];
    const database = new Database(":memory:");
    const auth = betterAuth({
      baseURL: "http://localhost:3000",
      secret: TEST_SECRET,
      database,
      emailAndPassword: { enabled: true },
      databaseHooks: {
        session: {
          delete: {
            before: async (session) => {
              seen.push(session.id);
            },
          },
        },
      },
      plugins: [
        revocation({ sessionEntryTtlMs: 60_000, userEntryTtlMs: 60_000, feedSecret: FEED_SECRET }),
      ],
    });
    const { runMigrations } = await getMigrations(auth.options);
    await runMigrations();
    const { headers } = await auth.api.signUpEmail({
      body: { name: "Ada", email: "ada@example.com", password: PASSWORD },
      returnHeaders: true,
    });
    const cookie = headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    await auth.api.signOut({ headers: new Headers({ cookie }) });

    expect(seen).toEqual([session?.session.id]);
    const feed = await auth.api.getRevocations({
      query: {},
      headers: new Headers({ authorization: `Bearer ${FEED_SECRET}` }),
    });
    expect(feed.items.map(({ kind, id }) => ({ kind, id }))).toEqual([
      { kind: "session", id: session?.session.id },
    ]);
    database.close();
  });
});
