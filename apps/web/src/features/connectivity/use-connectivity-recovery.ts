"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { reachability, recoveryDelayMs } from "@/lib/reachability";
import { refetchFailed } from "./refetch-failed";
import { useConnectivity } from "./use-connectivity";

/** Sends what waited and asks again for what is on screen; its outcome updates the state. */
export function recover(queryClient: QueryClient): void {
  void queryClient.resumePausedMutations();
  void queryClient.refetchQueries({ type: "active" });
}

/**
 * Mounted once per page (by the signed-in providers): feeds the browser's
 * online/offline events into the one state, and while the api is unreachable
 * or degraded tries again by itself, with backoff (2 s, 4 s … 30 s), at once
 * when the browser comes back online, and when the tab regains focus.
 */
export function useConnectivityRecovery(): void {
  const queryClient = useQueryClient();
  const state = useConnectivity();
  const attempt = useRef(0);
  const previous = useRef(state);
  const retry = useCallback(() => recover(queryClient), [queryClient]);

  useEffect(() => {
    reachability.setBrowserOnline(navigator.onLine);
    const onOnline = () => {
      reachability.setBrowserOnline(true);
      retry();
    };
    const onOffline = () => reachability.setBrowserOnline(false);
    const onFocus = () => {
      if (reachability.get() !== "online") retry();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") onFocus();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [retry]);

  useEffect(() => {
    const was = previous.current;
    previous.current = state;
    if (state === "online") {
      attempt.current = 0;
      if (was !== "online") refetchFailed(queryClient);
      return;
    }
    // Offline: nothing to try until the browser's `online` event.
    if (state === "offline") return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(() => {
        attempt.current += 1;
        retry();
        schedule();
      }, recoveryDelayMs(attempt.current));
    };
    schedule();
    return () => clearTimeout(timer);
  }, [state, retry, queryClient]);
}
