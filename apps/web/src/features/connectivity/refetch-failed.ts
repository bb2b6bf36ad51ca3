import type { QueryClient } from "@tanstack/react-query";

/**
 * One answer anywhere makes the page online, which ends the retries. A query
 * whose own last try failed in the same moment (its request raced the api's
 * return) would then stay in error with nothing left to retry it: ask again
 * for exactly those, once, when the page comes back online.
 */
export function refetchFailed(queryClient: QueryClient): void {
  void queryClient.refetchQueries({
    type: "active",
    predicate: (query) => query.state.status === "error",
  });
}
