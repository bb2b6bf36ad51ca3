"use client";

import { useCallback, useEffect, useState } from "react";
import { getApiClient } from "@/lib/api-client";
import { describeApiError } from "./describe-api-error";

type Status =
  | { kind: "loading" }
  | { kind: "ok"; userId: string }
  | { kind: "error"; message: string };

/** Asks the api who it thinks we are: proof the token round trip works. */
export function ApiStatusCard({ apiUrl }: { apiUrl: string }) {
  const [status, setStatus] = useState<Status>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    // `attempt` is read so each retry re-runs the effect.
    void attempt;
    const controller = new AbortController();
    setStatus({ kind: "loading" });
    getApiClient(apiUrl)
      .getProtected(controller.signal)
      .then(
        (result) => setStatus({ kind: "ok", userId: result.user_id }),
        (error: unknown) => {
          if (!controller.signal.aborted)
            setStatus({ kind: "error", message: describeApiError(error) });
        },
      );
    return () => controller.abort();
  }, [apiUrl, attempt]);

  return (
    <section
      aria-labelledby="api-status-title"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="api-status-title" className="text-lg font-semibold text-slate-900">
        API
      </h2>
      <div aria-live="polite" className="mt-3 text-sm">
        {status.kind === "loading" ? <p className="text-slate-500">Checking the API…</p> : null}
        {status.kind === "ok" ? (
          <p className="text-slate-700">
            <span className="mr-2 inline-block rounded bg-emerald-100 px-2 py-0.5 text-emerald-800">
              Connected
            </span>
            The API sees user{" "}
            <code data-testid="api-user-id" className="rounded bg-slate-100 px-1 py-0.5 font-mono">
              {status.userId}
            </code>
          </p>
        ) : null}
        {status.kind === "error" ? (
          <p role="alert" data-testid="api-error" className="text-red-800">
            {status.message}
          </p>
        ) : null}
      </div>
      {status.kind === "error" ? (
        <button
          type="button"
          onClick={retry}
          className="mt-3 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          Retry
        </button>
      ) : null}
    </section>
  );
}
