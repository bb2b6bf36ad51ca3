"use client";

import type { TaskStatus } from "@taskgate/contracts/task";
import { useState } from "react";
import { TasksScopeProvider } from "../tasks-scope";
import { AddTaskForm } from "./add-task-form";
import { OfflineBanner } from "./offline-banner";
import { TaskList } from "./task-list";
import { TaskStatusFilter } from "./task-status-filter";

/** The dashboard's tasks: add, filter, list. `userId` and `apiUrl` come from the server. */
export function TasksSection({ userId, apiUrl }: { userId: string; apiUrl: string }) {
  const [status, setStatus] = useState<TaskStatus>("all");
  return (
    <TasksScopeProvider userId={userId} apiUrl={apiUrl}>
      <section
        aria-labelledby="tasks-title"
        className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        {/* One flex item, so the banner's empty live region adds no gap. */}
        <div>
          <h2 id="tasks-title" className="text-lg font-semibold text-slate-900">
            Tasks
          </h2>
          <OfflineBanner />
        </div>
        <AddTaskForm />
        <TaskStatusFilter value={status} onChange={setStatus} />
        <TaskList status={status} />
      </section>
    </TasksScopeProvider>
  );
}
