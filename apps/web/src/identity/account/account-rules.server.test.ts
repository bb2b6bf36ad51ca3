import { describe, expect, it } from "vitest";
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../lib/account-rules/bounds";
import { INVALID_NAME, PASSWORD_REQUIRED } from "../../lib/account-rules/refusals";
import {
  DeleteAccountSchema,
  NameSchema,
  NewPasswordSchema,
} from "../../lib/account-rules/schemas";
import { call, newSession, PASSWORD, sameOrigin } from "../testing/auth-http";
import { sharedTestAuth } from "../testing/shared-test-auth";

// The account rules are written once (lib/account-rules) and applied twice:
// by the forms before a request, by the identity provider on every request.
// Each case here asks both, at the edges of the bounds, and expects the same
// answer: a rule changed on one side only fails here.

const t = sharedTestAuth("sqlite", { env: { AUTH_RATE_LIMIT_MAX: "1000" } });
let users = 0;
const nextEmail = () => `rules-${++users}@example.com`;

const signUp = (name: unknown, password: string) =>
  call(t, "/sign-up/email", { body: { name, email: nextEmail(), password } });

describe("the account rules the forms and the identity provider share", () => {
  it.each([
    ["a name of the longest length", "n".repeat(NAME_MAX_LENGTH), true],
    ["a name one character too long", "n".repeat(NAME_MAX_LENGTH + 1), false],
    ["a name that is only spaces", "   ", false],
    ["a long name that fits once trimmed", ` ${"n".repeat(NAME_MAX_LENGTH)} `, true],
  ])("agree on %s", async (_, name, accepted) => {
    expect(NameSchema.safeParse(name).success).toBe(accepted);
    const response = await signUp(name, PASSWORD);
    expect(response.status).toBe(accepted ? 200 : 400);
    if (!accepted) expect(await response.json()).toMatchObject(INVALID_NAME);
  });

  it.each([
    ["the shortest password", `${"p".repeat(PASSWORD_MIN_LENGTH - 1)}q`, true],
    ["a password one character too short", "p".repeat(PASSWORD_MIN_LENGTH - 1), false],
    ["the longest password", `${"p".repeat(PASSWORD_MAX_LENGTH - 1)}q`, true],
    ["a password one character too long", "p".repeat(PASSWORD_MAX_LENGTH + 1), false],
  ])("agree on %s", async (_, password, accepted) => {
    expect(NewPasswordSchema.safeParse(password).success).toBe(accepted);
    const response = await signUp("Rules", password);
    expect(response.status).toBe(accepted ? 200 : 400);
  });

  it("agree that deleting the account needs the password", async () => {
    expect(DeleteAccountSchema.safeParse({}).success).toBe(false);
    expect(DeleteAccountSchema.safeParse({ password: "" }).success).toBe(false);
    const cookie = await newSession(t, nextEmail());
    const refused = await call(t, "/delete-user", { body: {}, headers: sameOrigin(t, cookie) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject(PASSWORD_REQUIRED);
  });
});
