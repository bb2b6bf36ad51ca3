"use client";

import {
  MutationCache,
  onlineManager,
  QueryCache,
  QueryClient,
  QueryClientProvider,
} from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useConnectivityRecovery } from "@/features/connectivity/use-connectivity-recovery";
import { usePaintedTheme } from "@/features/theme/use-painted-theme";
import { reachability } from "@/lib/reachability";
import { DeferredToaster } from "@/lib/toast";

function createQueryClient() {
  return new QueryClient({
    // Every settled request tells the page's one connectivity state whether the api answered.
    queryCache: new QueryCache({
      onError: (error) => reachability.report(error),
      onSuccess: () => reachability.report(null),
    }),
    mutationCache: new MutationCache({
      onError: (error) => reachability.report(error),
      onSuccess: () => reachability.report(null),
    }),
    defaultOptions: {
      queries: {
        // The api client already retries what is safe to retry (with backoff);
        // retrying here as well would multiply the tries.
        retry: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Client-side state for the signed-in pages: the query cache and the toasts.
 * Mounted by the signed-in layout, not the root one, so the sign-in, sign-up
 * and home pages do not load TanStack Query; sonner loads after the page.
 */
export function Providers({ children }: { children: ReactNode }) {
  // One client per page load, never shared between server renders.
  const [queryClient] = useState(createQueryClient);
  const theme = usePaintedTheme();
  return (
    <QueryClientProvider client={queryClient}>
      <ConnectivityRecovery />
      {children}
      {/* Bottom right: at the top, a toast covered the header's Account and Sign out. */}
      {/* Plain toasts: sonner's rich colours put green text on pale green below 4.5:1 (axe). */}
      {/* In the page's theme: light toasts on a dark page read as a glitch. */}
      <DeferredToaster closeButton position="bottom-right" theme={theme} />
    </QueryClientProvider>
  );
}

/** Keeps the connectivity state current and recovers by itself; renders nothing. */
function ConnectivityRecovery() {
  // TanStack Query assumes it starts online and then follows the browser's
  // online/offline events. A page hydrated while already offline (its HTML
  // came with its first tasks, decision 059) would send a write instead of
  // holding it: start from what the browser says.
  useEffect(() => {
    onlineManager.setOnline(navigator.onLine);
  }, []);
  useConnectivityRecovery();
  return null;
}
