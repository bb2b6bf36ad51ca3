import type { createAuthClient } from "better-auth/client";

/**
 * A failed Better Auth request as the forms see it: the HTTP status (0 when
 * no answer came at all: network down, server gone) and Better Auth's error
 * code and message when its body had them.
 */
export type AuthFailure = {
  status: number;
  code?: string | undefined;
  message?: string | undefined;
};

export type AuthOutcome<T> = { ok: true; data: T } | { ok: false; error: AuthFailure };

type BetterAuthClient = ReturnType<typeof createAuthClient>;
type BetterAuthResult = {
  data: unknown;
  error: { status?: number; code?: string | undefined; message?: string | undefined } | null;
};

let client: Promise<BetterAuthClient> | undefined;

/**
 * Better Auth's own browser client (the vanilla one: this app uses none of
 * the React session hooks), imported on first use rather than with the page:
 * it is about 12 KiB of gzipped JavaScript that a page only needs once the
 * user acts. Forms call it on focus to have it ready by the time they submit.
 */
export function loadAuthClient(): Promise<BetterAuthClient> {
  client ??= import("better-auth/client").then(({ createAuthClient }) =>
    createAuthClient({ baseURL: window.location.origin }),
  );
  // A failed import (offline) is tried again on the next call.
  client.catch(() => {
    client = undefined;
  });
  return client;
}

/** Runs one Better Auth call; never rejects: every failure comes back as an AuthFailure. */
async function run(call: (auth: BetterAuthClient) => Promise<BetterAuthResult>) {
  try {
    const { data, error } = await call(await loadAuthClient());
    if (error) {
      return {
        ok: false,
        error: { status: error.status ?? 0, code: error.code, message: error.message },
      } as const;
    }
    return { ok: true, data } as const;
  } catch {
    // No answer at all: the network, or the client module could not load.
    return { ok: false, error: { status: 0 } } as const;
  }
}

/** The Better Auth actions this app's pages use; each body is `unknown` until its caller parses it. */
export const authClient = {
  signIn: {
    email: (input: { email: string; password: string }): Promise<AuthOutcome<unknown>> =>
      run((auth) => auth.signIn.email(input)),
  },
  signUp: {
    email: (input: { name: string; email: string; password: string }) =>
      run((auth) => auth.signUp.email(input)),
  },
  signOut: () => run((auth) => auth.signOut()),
  getSession: () => run((auth) => auth.getSession()),
  listSessions: () => run((auth) => auth.listSessions()),
  updateUser: (input: { name: string }) => run((auth) => auth.updateUser(input)),
  changePassword: (input: {
    currentPassword: string;
    newPassword: string;
    revokeOtherSessions: boolean;
  }) => run((auth) => auth.changePassword(input)),
  revokeSession: (input: { token: string }) => run((auth) => auth.revokeSession(input)),
  revokeOtherSessions: () => run((auth) => auth.revokeOtherSessions()),
  deleteUser: (input: { password: string }) => run((auth) => auth.deleteUser(input)),
};
