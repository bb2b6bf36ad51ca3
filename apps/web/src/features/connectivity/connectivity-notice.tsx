"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { Connectivity } from "@/lib/reachability";
import { useConnectivity } from "./use-connectivity";
import { recover } from "./use-connectivity-recovery";

const MESSAGES: Record<Exclude<Connectivity, "online">, string> = {
  offline: "You are offline. Your changes are kept and sent when the connection is back.",
  unreachable:
    "Cannot reach the Taskgate server. Trying again by itself; changes are saved once it answers.",
  degraded:
    "The Taskgate server is having trouble right now. Trying again by itself; changes are saved once it recovers.",
};

/** The page's one connection notice: names the cause, offers one retry. */
export function ConnectivityNotice() {
  const queryClient = useQueryClient();
  const state = useConnectivity();
  return (
    <div role="status" aria-live="polite">
      {state === "online" ? null : (
        <div
          data-testid="offline-banner"
          data-state={state}
          className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p className="flex-1">{MESSAGES[state]}</p>
          {state === "offline" ? null : (
            <button
              type="button"
              onClick={() => recover(queryClient)}
              className="rounded-md border border-amber-400 bg-white px-2.5 py-1 font-medium hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
            >
              Retry
            </button>
          )}
        </div>
      )}
    </div>
  );
}
