"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type AuthFailure, authClient } from "@/lib/auth-client";
import { redirectToSignIn } from "@/lib/redirect-to-sign-in";
import { toast } from "@/lib/toast";
import { type FormFailure, sessionsFailure } from "../account-errors";
import { sessionKeys } from "../session-query-keys";
import type { SessionRow } from "../session-rows";

/** A failed Better Auth call, carried through TanStack Query as an Error. */
export class SessionsError extends Error {
  readonly failure: FormFailure;
  constructor(error: AuthFailure) {
    const failure = sessionsFailure(error);
    super(failure.alert ?? "Sessions request failed");
    this.failure = failure;
  }
}

function failed(error: AuthFailure): never {
  const failure = new SessionsError(error);
  if (failure.failure.sessionEnded) redirectToSignIn();
  throw failure;
}

async function fetchSessions(): Promise<SessionRow[]> {
  const [sessions, current, { readSessionRows }] = await Promise.all([
    authClient.listSessions(),
    authClient.getSession(),
    // The user-agent parser and the answers' schemas are only needed once the
    // list has arrived: they stay out of the page's first-load JavaScript.
    import("../session-rows"),
  ]);
  if (!sessions.ok) failed(sessions.error);
  if (!current.ok) failed(current.error);
  return readSessionRows(sessions.data, current.data) ?? failed(UNREADABLE);
}

// A 200 whose body is not what Better Auth sends: a generic "try again".
const UNREADABLE: AuthFailure = { status: 200, code: "INVALID_RESPONSE" };

/** The user's active sessions, this device's marked. */
export function useSessions() {
  return useQuery({ queryKey: sessionKeys.all, queryFn: fetchSessions });
}

export type RevokeVariables = { token: string; label: string };

/** Ends one other session: that device is signed out on its next request. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ token }: RevokeVariables) => {
      const result = await authClient.revokeSession({ token });
      if (!result.ok) failed(result.error);
    },
    onSuccess: (_nothing, { label }) => toast.success("Session revoked", { description: label }),
    onError: notifyFailure,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** Ends every session but this device's. */
export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await authClient.revokeOtherSessions();
      if (!result.ok) failed(result.error);
    },
    onSuccess: () => toast.success("Signed out everywhere else"),
    onError: notifyFailure,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

function notifyFailure(error: Error) {
  toast.error("That did not work", {
    description: error instanceof SessionsError ? (error.failure.alert ?? undefined) : undefined,
  });
}
