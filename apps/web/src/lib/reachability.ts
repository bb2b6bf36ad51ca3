import { ABORTED, ApiError } from "@taskgate/api-client/api-error";

/**
 * The page's one connectivity state (decision 048). Every component that talks
 * about the connection reads this, so no two of them can disagree:
 * - `offline`: the browser says it has no network;
 * - `unreachable`: online, but the last api request got no answer (status 0);
 * - `degraded`: the api answered 503 (it is up but cannot serve, e.g. its
 *   database or the sign-in service is down);
 * - `online`: the last request got a real answer.
 */
export type Connectivity = "online" | "offline" | "unreachable" | "degraded";

/**
 * Whether a request got no answer at all (status 0: network down, CORS
 * refusal, timeout). Cancelling our own request says nothing about the network.
 */
export function isUnreachableError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && error.code !== ABORTED;
}

/** A failure the connectivity state explains: the one notice covers it, with its one retry. */
export function isConnectivityError(error: unknown): boolean {
  return isUnreachableError(error) || (error instanceof ApiError && error.status === 503);
}

/** How long to wait before the next automatic try: 2 s, 4 s, 8 s … at most 30 s. */
export function recoveryDelayMs(attempt: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, attempt));
}

type Listener = () => void;

export function createReachabilityStore(initiallyOnline = true) {
  let browserOnline = initiallyOnline;
  let api: "answered" | "unreachable" | "degraded" = "answered";
  let state: Connectivity = "online";
  const listeners = new Set<Listener>();

  function update() {
    const next: Connectivity = !browserOnline
      ? "offline"
      : api === "unreachable"
        ? "unreachable"
        : api === "degraded"
          ? "degraded"
          : "online";
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  }

  return {
    /** Call with the error of each settled request, or null when it succeeded. */
    report(error: unknown | null) {
      // A request we cancelled ourselves says nothing either way.
      if (error instanceof ApiError && error.code === ABORTED) return;
      if (error === null) api = "answered";
      else if (isUnreachableError(error)) api = "unreachable";
      else if (error instanceof ApiError && error.status === 503) api = "degraded";
      // Any other failure came with a status: the api is there and answering.
      else api = "answered";
      update();
    },
    /** The browser's own online/offline signal. */
    setBrowserOnline(online: boolean) {
      browserOnline = online;
      update();
    },
    get: (): Connectivity => state,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ReachabilityStore = ReturnType<typeof createReachabilityStore>;

/** The page's one store, fed by the query client's caches and the browser's events. */
export const reachability = createReachabilityStore();
