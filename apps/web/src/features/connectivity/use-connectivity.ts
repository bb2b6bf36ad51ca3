"use client";

import { useSyncExternalStore } from "react";
import { type Connectivity, reachability } from "@/lib/reachability";

/** The page's one connectivity state (see lib/reachability.ts). */
export function useConnectivity(): Connectivity {
  return useSyncExternalStore(reachability.subscribe, reachability.get, () => "online" as const);
}
