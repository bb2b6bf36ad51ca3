"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getApiClient } from "@/lib/api-client";
import { isConnectivityError } from "@/lib/reachability";
import { describeApiError } from "./describe-api-error";
import { useConnectivity } from "./use-connectivity";

const DOT = {
  ok: "bg-emerald-500",
  wait: "bg-slate-400",
  bad: "bg-amber-500",
} as const;

/**
 * One line under the page title: whether the api answers and which user it
 * saw in the token, proof that the token round trip works. It reads the one
 * connectivity state, so it never contradicts the page's notice; its query
 * sits in the page's cache, so the notice's retry refreshes it too.
 */
export function ApiStatusChip({ apiUrl }: { apiUrl: string }) {
  const state = useConnectivity();
  const identity = useQuery({
    queryKey: ["api-identity"],
    queryFn: ({ signal }) => getApiClient(apiUrl).getProtected(signal),
    // No retries of its own: while the api is unreachable the page's one
    // recovery loop (use-connectivity-recovery) asks again, so this line
    // recovers on the same attempt as the tasks instead of sitting out a
    // long backoff of its own.
    retry: false,
  });

  let dot: keyof typeof DOT = "wait";
  let text: ReactNode = "Checking the API…";
  if (state === "offline") {
    dot = "bad";
    text = "Offline";
  } else if (state === "unreachable") {
    dot = "bad";
    text = "API unreachable";
  } else if (state === "degraded") {
    dot = "bad";
    text = "API degraded";
  } else if (identity.data) {
    dot = "ok";
    text = (
      <>
        API connected · sees user{" "}
        <code data-testid="api-user-id" className="font-mono">
          {identity.data.user_id}
        </code>
      </>
    );
  } else if (identity.isError && !isConnectivityError(identity.error)) {
    // A connectivity failure is the page notice's to tell, not this line's.
    dot = "bad";
    text = <span data-testid="api-error">{describeApiError(identity.error)}</span>;
  }

  return (
    <p
      aria-live="polite"
      data-testid="api-status"
      data-state={state}
      className="inline-flex max-w-full items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-xs text-slate-600"
    >
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${DOT[dot]}`} />
      <span className="truncate">{text}</span>
    </p>
  );
}
