import type { Metadata } from "next";
import { ApiStatusChip } from "@/features/connectivity/api-status-chip";
import { TasksSection } from "@/features/tasks/components/tasks-section";
import { parseTaskStatus } from "@/features/tasks/task-filter";
import { requireSession } from "@/identity/session/session.server";
import { getConfig } from "@/server/config.server";

export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage(props: Props) {
  const { user } = await requireSession("/dashboard");
  const initialStatus = parseTaskStatus((await props.searchParams).status);
  // Read at run time: the same build serves any api URL.
  const { apiUrl } = getConfig();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight">Tasks</h1>
        <ApiStatusChip apiUrl={apiUrl} />
      </div>
      <TasksSection userId={user.id} apiUrl={apiUrl} initialStatus={initialStatus} />
    </>
  );
}
