"use client";

import type { TaskStatus } from "@taskgate/contracts/task";
import { useState } from "react";
import { useTaskCounts } from "../api/use-task-counts";
import { TasksScopeProvider } from "../tasks-scope";
import { AddTaskForm } from "./add-task-form";
import { TaskList } from "./task-list";
import { TaskStatusFilter } from "./task-status-filter";

type TasksSectionProps = {
  userId: string;
  apiUrl: string;
  /** The filter named in the URL when the page was loaded (`?status=`). */
  initialStatus: TaskStatus;
};

/** The dashboard's tasks: add, filter, list. Its props come from the server. */
export function TasksSection({ userId, apiUrl, initialStatus }: TasksSectionProps) {
  return (
    <TasksScopeProvider userId={userId} apiUrl={apiUrl}>
      <TasksBody initialStatus={initialStatus} />
    </TasksScopeProvider>
  );
}

/** Writes the filter into the URL without a server round trip: a reload keeps it. */
function showStatusInUrl(status: TaskStatus) {
  const url = new URL(window.location.href);
  if (status === "all") url.searchParams.delete("status");
  else url.searchParams.set("status", status);
  window.history.replaceState(window.history.state, "", url);
}

function TasksBody({ initialStatus }: { initialStatus: TaskStatus }) {
  const [status, setStatus] = useState<TaskStatus>(initialStatus);
  const counts = useTaskCounts();
  function choose(next: TaskStatus) {
    setStatus(next);
    showStatusInUrl(next);
  }
  return (
    // The page's h1 says "Tasks"; the connection notice is the layout's.
    <section
      aria-label="Your tasks"
      className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <AddTaskForm />
      <TaskStatusFilter value={status} onChange={choose} counts={counts} />
      <TaskList status={status} />
    </section>
  );
}
