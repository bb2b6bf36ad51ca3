"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { reachability } from "@/lib/reachability";

function subscribeToConnection(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/**
 * Says so when the browser is offline or the last api request got no answer.
 * Queries refetch and paused writes resume on their own when the browser comes
 * back online (TanStack Query's onlineManager); "Retry" covers an api that was
 * down while the browser stayed online.
 */
export function OfflineBanner() {
  const queryClient = useQueryClient();
  const online = useSyncExternalStore(
    subscribeToConnection,
    () => navigator.onLine,
    () => true,
  );
  const unreachable = useSyncExternalStore(
    reachability.subscribe,
    reachability.isUnreachable,
    () => false,
  );

  function retry() {
    void queryClient.resumePausedMutations();
    void queryClient.refetchQueries({ type: "active" });
  }

  return (
    <div role="status" aria-live="polite">
      {!online || unreachable ? (
        <div
          data-testid="offline-banner"
          className="mt-3 flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p>
            {online
              ? "Cannot reach the server right now. Your changes are not saved until it answers."
              : "You are offline. Changes will be sent when the connection is back."}
          </p>
          {online ? (
            <button
              type="button"
              onClick={retry}
              className="rounded-md border border-amber-400 bg-white px-2.5 py-1 font-medium hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
            >
              Retry
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
