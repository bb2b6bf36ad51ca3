"use client";

import type { ApiClient } from "@taskgate/api-client/client";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { getApiClient } from "@/lib/api-client";

// The package exports the client, not its tasks module.
export type TasksApi = ReturnType<ApiClient["tasks"]>;

type TasksScope = {
  userId: string;
  /** The signed-in user's task calls. A function: the client is made on first use, in the browser. */
  tasksApi: () => TasksApi;
};

const TasksScopeContext = createContext<TasksScope | null>(null);

/** Whose tasks, and through which api: set once by the dashboard from the server's session. */
export function TasksScopeProvider(props: { userId: string; apiUrl: string; children: ReactNode }) {
  const { userId, apiUrl } = props;
  const scope = useMemo(
    () => ({ userId, tasksApi: () => getApiClient(apiUrl).tasks(userId) }),
    [userId, apiUrl],
  );
  return <TasksScopeContext.Provider value={scope}>{props.children}</TasksScopeContext.Provider>;
}

export function useTasksScope(): TasksScope {
  const scope = useContext(TasksScopeContext);
  if (!scope) throw new Error("useTasksScope must be used inside TasksScopeProvider");
  return scope;
}
