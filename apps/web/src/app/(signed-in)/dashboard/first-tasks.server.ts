import "server-only";
import { type DehydratedState, dehydrate, QueryClient } from "@tanstack/react-query";
import type { TaskStatus } from "@taskgate/contracts/task";
import { type TaskList, TaskListSchema } from "@taskgate/contracts/task-wire";
import { headers } from "next/headers";
import { TASK_COUNT_LIMIT, TASKS_PAGE_SIZE } from "@/features/tasks/task-filter";
import { taskKeys } from "@/features/tasks/task-query-keys";
import { getAuth } from "@/identity/auth.server";
import { getConfig } from "@/server/config.server";
import { describeError, getLogger } from "@/server/logger.server";

/**
 * How long the page waits for the api. Past it the page renders without
 * tasks and the browser fetches them, as it would with no prefetch at all.
 */
const API_BUDGET_MS = 1_000;

/**
 * The dashboard's first tasks, fetched by the server for this session and
 * handed to the browser's query cache, so the first HTML already lists them
 * and the browser does not ask again (decision 059). The token used here is
 * minted for this request, unbound, and never leaves the server: the browser
 * keeps its own DPoP-bound token. Any failure (the api down or slow, a token
 * refused, `DPOP_MODE=required`) yields nothing and the browser takes over.
 */
export async function prefetchFirstTasks(
  userId: string,
  status: TaskStatus,
): Promise<DehydratedState | undefined> {
  const signal = AbortSignal.timeout(API_BUDGET_MS);
  let token: string;
  try {
    ({ token } = await getAuth().api.getToken({ headers: await headers() }));
  } catch (error) {
    logSkipped(error);
    return undefined;
  }
  const list = (query: Record<string, string>) => fetchTaskPage({ userId, token, query, signal });
  const client = new QueryClient();
  const pages = [
    // The list under the page's filter, and the first 100 for the filters' counts.
    { queryKey: taskKeys.list(userId, status), query: { status, limit: `${TASKS_PAGE_SIZE}` } },
    { queryKey: taskKeys.counts(userId), query: { status: "all", limit: `${TASK_COUNT_LIMIT}` } },
  ];
  const results = await Promise.allSettled(
    pages.map(async ({ queryKey, query }) => {
      const page = await list(query);
      // The shape of an infinite query holding its first page.
      client.setQueryData(queryKey, { pages: [page], pageParams: [null] });
    }),
  );
  const failed = results.find((result) => result.status === "rejected");
  if (failed) logSkipped(failed.reason);
  return results.some((result) => result.status === "fulfilled") ? dehydrate(client) : undefined;
}

async function fetchTaskPage(options: {
  userId: string;
  token: string;
  query: Record<string, string>;
  signal: AbortSignal;
}): Promise<TaskList> {
  // API_INTERNAL_URL when the api has a shorter way in than its public URL
  // (compose.yaml: http://api:8000), so this call never leaves the network.
  const { serverApiUrl } = getConfig();
  const url = new URL(`/api/${encodeURIComponent(options.userId)}/tasks`, serverApiUrl);
  url.search = new URLSearchParams(options.query).toString();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.token}`, accept: "application/json" },
    signal: options.signal,
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`the api answered ${response.status}`);
  return TaskListSchema.parse(await response.json());
}

function logSkipped(error: unknown) {
  getLogger().info(
    { event: "dashboard.prefetch_skipped", error: describeError(error) },
    "dashboard: first tasks left to the browser",
  );
}
