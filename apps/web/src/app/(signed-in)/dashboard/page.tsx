import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ApiStatusChip } from "@/features/connectivity/api-status-chip";
import { TasksSection } from "@/features/tasks/components/tasks-section";
import { parseTaskStatus } from "@/features/tasks/task-filter";
import { requireSession } from "@/identity/session/session.server";
import { getConfig } from "@/server/config.server";
import { prefetchFirstTasks } from "./first-tasks.server";

export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage(props: Props) {
  const { user } = await requireSession("/dashboard");
  const initialStatus = parseTaskStatus((await props.searchParams).status);
  // Read at run time: the same build serves any api URL.
  const { apiUrl } = getConfig();
  // In the first HTML: no wait for hydration, a token and the api.
  const firstTasks = await prefetchFirstTasks(user.id, initialStatus);
  return (
    <>
      {/* On a phone the status has a line of its own from the start: its text
          grows once the api answers, and a late wrap would shift the tasks. */}
      <div className="flex flex-col items-start gap-2 sm:flex-row sm:items-center sm:justify-between">
        <h1 className="text-2xl font-bold tracking-tight">Tasks</h1>
        <ApiStatusChip apiUrl={apiUrl} />
      </div>
      <HydrationBoundary state={firstTasks}>
        <TasksSection userId={user.id} apiUrl={apiUrl} initialStatus={initialStatus} />
      </HydrationBoundary>
    </>
  );
}
