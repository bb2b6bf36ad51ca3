"use client";

import type { TaskStatus } from "@taskgate/contracts/task";
import { useState } from "react";
import { TasksScopeProvider } from "../tasks-scope";
import { AddTaskForm } from "./add-task-form";
import { TaskList } from "./task-list";
import { TaskStatusFilter } from "./task-status-filter";

/** The dashboard's tasks: add, filter, list. `userId` and `apiUrl` come from the server. */
export function TasksSection({ userId, apiUrl }: { userId: string; apiUrl: string }) {
  const [status, setStatus] = useState<TaskStatus>("all");
  return (
    <TasksScopeProvider userId={userId} apiUrl={apiUrl}>
      {/* The page's h1 says "Tasks"; the connection notice is the layout's. */}
      <section
        aria-label="Your tasks"
        className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
      >
        <AddTaskForm />
        <TaskStatusFilter value={status} onChange={setStatus} />
        <TaskList status={status} />
      </section>
    </TasksScopeProvider>
  );
}
