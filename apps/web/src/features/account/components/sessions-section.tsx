"use client";

import { PendingButton } from "@/components/pending-button";
import { useRevokeOtherSessions, useRevokeSession, useSessions } from "../api/use-sessions";
import { AccountSection } from "./account-section";
import { SessionItem } from "./session-item";

function SessionsSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-3" data-testid="sessions-loading">
      <span className="sr-only">Loading your sessions…</span>
      {[0, 1].map((row) => (
        <div key={row} className="h-16 animate-pulse rounded-md bg-slate-100" />
      ))}
    </div>
  );
}

/** Every device signed in to this account, with a way to sign each of the others out. */
export function SessionsSection() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const rows = sessions.data ?? [];
  const others = rows.filter((row) => !row.current).length;

  return (
    <AccountSection
      id="sessions"
      title="Where you're signed in"
      description="Revoke a session you do not recognise: that device is signed out on its next request."
    >
      {sessions.isPending ? <SessionsSkeleton /> : null}
      {sessions.isError ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-800">
          <p>{sessions.error.message}</p>
          <button
            type="button"
            onClick={() => sessions.refetch()}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          >
            Try again
          </button>
        </div>
      ) : null}
      {sessions.isSuccess ? (
        <ul
          aria-label="Active sessions"
          aria-busy={sessions.isFetching}
          className="divide-y divide-slate-100"
        >
          {rows.map((row) => (
            <SessionItem
              key={row.id}
              session={row}
              revoking={revoke.isPending && revoke.variables?.token === row.token}
              onRevoke={(session) =>
                revoke.mutate({ token: session.token, label: session.device.label })
              }
            />
          ))}
        </ul>
      ) : null}
      <div>
        <PendingButton
          type="button"
          look="dangerOutline"
          onClick={() => revokeOthers.mutate()}
          disabled={!sessions.isSuccess || others === 0}
          pending={revokeOthers.isPending}
          label="Sign out everywhere else"
          pendingLabel="Signing out other devices…"
        />
      </div>
    </AccountSection>
  );
}
