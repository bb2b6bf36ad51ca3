"use client";

import type { SessionRow } from "../session-rows";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function Time({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{when.format(date)}</time>;
}

type SessionItemProps = {
  session: SessionRow;
  revoking: boolean;
  onRevoke: (session: SessionRow) => void;
};

/** One signed-in device. This device's session has no "Revoke": that is "Sign out". */
export function SessionItem({ session, revoking, onRevoke }: SessionItemProps) {
  const label = session.device.label;
  return (
    <li
      data-testid="session-item"
      data-current={session.current || undefined}
      className="flex flex-wrap items-start justify-between gap-3 py-3"
    >
      <div className="flex min-w-0 flex-col gap-1">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          <span data-testid="session-device">{label}</span>
          {session.current ? (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">
              This device
            </span>
          ) : null}
        </p>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-600">
          <dt>IP address</dt>
          <dd data-testid="session-ip" className="break-all text-slate-800">
            {session.ipAddress}
          </dd>
          <dt>Signed in</dt>
          <dd className="text-slate-800">
            <Time date={session.createdAt} />
          </dd>
          <dt>Last active</dt>
          <dd className="text-slate-800">
            <Time date={session.lastActiveAt} />
          </dd>
        </dl>
      </div>
      {session.current ? null : (
        <button
          type="button"
          onClick={() => onRevoke(session)}
          disabled={revoking}
          aria-busy={revoking}
          aria-label={`Revoke the session on ${label}, last active ${when.format(session.lastActiveAt)}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60"
        >
          {revoking ? "Revoking…" : "Revoke"}
        </button>
      )}
    </li>
  );
}
