import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { refetchFailed } from "./refetch-failed";

// The page's recovery ends at the first answer; refetchFailed then asks again
// for exactly the queries on screen whose own last try failed.
describe("refetchFailed", () => {
  it("refetches the active queries in error, and only those", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const calls = { failed: 0, fine: 0, inactive: 0 };
    let failing = true;
    const failed = new QueryObserver(client, {
      queryKey: ["failed"],
      queryFn: async () => {
        calls.failed += 1;
        if (failing) throw new Error("no answer");
        return "tasks";
      },
    });
    const fine = new QueryObserver(client, {
      queryKey: ["fine"],
      queryFn: async () => {
        calls.fine += 1;
        return "ok";
      },
    });
    const unsubscribe = [failed.subscribe(() => {}), fine.subscribe(() => {})];
    // A query in error that nothing shows is left alone.
    await client
      .fetchQuery({
        queryKey: ["inactive"],
        queryFn: async () => {
          calls.inactive += 1;
          throw new Error("no answer");
        },
      })
      .catch(() => undefined);
    await expect.poll(() => failed.getCurrentResult().status).toBe("error");
    await expect.poll(() => fine.getCurrentResult().status).toBe("success");

    failing = false;
    refetchFailed(client);
    await expect.poll(() => failed.getCurrentResult().data).toBe("tasks");
    expect(calls).toEqual({ failed: 2, fine: 1, inactive: 1 });
    for (const stop of unsubscribe) stop();
    client.clear();
  });
});
