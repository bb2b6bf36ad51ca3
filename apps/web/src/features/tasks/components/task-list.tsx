"use client";

import type { TaskStatus } from "@taskgate/contracts/task";
import { isConnectivityError } from "@/lib/reachability";
import { useTaskList } from "../api/use-task-list";
import { describeTaskError } from "../describe-task-error";
import { flattenPages } from "../task-cache";
import { EmptyTasks } from "./empty-tasks";
import { TaskItem } from "./task-item";
import { TaskListSkeleton } from "./task-list-skeleton";

const outlineButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60";

/** The tasks under one filter: skeleton, error, empty state, or the list with "Load more". */
export function TaskList({ status }: { status: TaskStatus }) {
  const list = useTaskList(status);

  if (list.isPending) return <TaskListSkeleton />;

  if (list.isError && list.data === undefined && isConnectivityError(list.error)) {
    // The page's one connection notice names the cause and holds the retry.
    return (
      <p data-testid="tasks-waiting" className="text-sm text-slate-600">
        Your tasks show here as soon as the server answers.
      </p>
    );
  }

  if (list.isError && list.data === undefined) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <p role="alert" data-testid="tasks-error" className="text-sm text-red-800">
          {describeTaskError(list.error).message}
        </p>
        <button type="button" onClick={() => void list.refetch()} className={outlineButton}>
          Try again
        </button>
      </div>
    );
  }

  const tasks = flattenPages(list.data);
  if (tasks.length === 0) return <EmptyTasks status={status} />;

  return (
    <div className="flex flex-col gap-3">
      <ul
        data-testid="task-list"
        aria-label="Tasks"
        aria-busy={list.isFetching}
        className="flex flex-col gap-2"
      >
        {tasks.map((task) => (
          <TaskItem key={task.id} task={task} />
        ))}
      </ul>
      {list.hasNextPage ? (
        <button
          type="button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          aria-busy={list.isFetchingNextPage}
          className={`self-center ${outlineButton}`}
        >
          {list.isFetchingNextPage ? "Loading more…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}
