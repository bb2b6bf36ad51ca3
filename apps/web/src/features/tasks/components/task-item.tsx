"use client";

import type { Task } from "@taskgate/contracts/task";
import { useEffect, useRef, useState } from "react";
import { useDeleteTask } from "../api/use-delete-task";
import { useSetTaskCompleted } from "../api/use-set-task-completed";
import { DeleteTaskDialog } from "./delete-task-dialog";
import { TaskDescription } from "./task-description";
import { TaskEditForm } from "./task-edit-form";

const smallButton =
  "rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

/** One task. Titles and descriptions are user text: rendered as React text, never as HTML. */
export function TaskItem({ task }: { task: Task }) {
  const setCompleted = useSetTaskCompleted();
  const deleteTask = useDeleteTask();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Set when the inline editor closes (saved, cancelled or Esc): focus goes
  // back to this task's Edit button instead of falling to the page body.
  const refocus = useRef(false);

  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  function closeEditor() {
    refocus.current = true;
    setEditing(false);
  }

  if (editing) {
    return (
      <li data-testid="task-item" className="rounded-md border border-indigo-200 bg-white p-3">
        <TaskEditForm task={task} onDone={closeEditor} />
      </li>
    );
  }

  return (
    <li
      data-testid="task-item"
      data-completed={task.completed}
      className="flex items-start gap-3 rounded-md border border-slate-200 bg-white p-3"
    >
      <input
        type="checkbox"
        checked={task.completed}
        onChange={() => setCompleted.mutate({ taskId: task.id, completed: !task.completed })}
        aria-label={`Mark ${task.title} ${task.completed ? "active" : "complete"}`}
        className="mt-1 h-4 w-4 shrink-0 accent-indigo-600"
      />
      <div className="min-w-0 flex-1">
        <p
          data-testid="task-title"
          className={`break-words ${task.completed ? "text-slate-500 line-through" : "text-slate-900"}`}
        >
          {task.title}
        </p>
        {task.description ? <TaskDescription text={task.description} /> : null}
      </div>
      <div className="flex shrink-0 gap-2">
        <button
          ref={editButton}
          type="button"
          onClick={() => setEditing(true)}
          aria-label={`Edit ${task.title}`}
          className={smallButton}
        >
          Edit
        </button>
        <button
          type="button"
          onClick={() => setConfirming(true)}
          aria-label={`Delete ${task.title}`}
          className={smallButton}
        >
          Delete
        </button>
      </div>
      <DeleteTaskDialog
        title={task.title}
        open={confirming}
        pending={deleteTask.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          deleteTask.mutate(
            { taskId: task.id, title: task.title },
            // On success the item leaves the list; on failure the toast explains.
            { onError: () => setConfirming(false) },
          )
        }
      />
    </li>
  );
}
