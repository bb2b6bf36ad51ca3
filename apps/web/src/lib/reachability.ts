import { ABORTED, ApiError } from "@taskgate/api-client/api-error";

/**
 * Whether the last api request got no answer at all (status 0: network down,
 * CORS refusal, timeout). Cancelling our own request says nothing about the network.
 */
export function isUnreachableError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && error.code !== ABORTED;
}

type Listener = () => void;

/** A tiny external store for useSyncExternalStore: was the api unreachable last time? */
export function createReachabilityStore() {
  let unreachable = false;
  const listeners = new Set<Listener>();
  const set = (next: boolean) => {
    if (next === unreachable) return;
    unreachable = next;
    for (const listener of listeners) listener();
  };
  return {
    /** Call with the error of each settled request, or null when it succeeded. */
    report(error: unknown | null) {
      // A request we cancelled ourselves says nothing either way.
      if (error instanceof ApiError && error.code === ABORTED) return;
      // Any failure that came with a status is an answer: the api is reachable.
      set(error !== null && isUnreachableError(error));
    },
    isUnreachable: () => unreachable,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ReachabilityStore = ReturnType<typeof createReachabilityStore>;

/** The page's one store, fed by the query client's caches. */
export const reachability = createReachabilityStore();
