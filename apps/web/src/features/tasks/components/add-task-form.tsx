"use client";

import { type FormEvent, useEffect, useState } from "react";
import { browserDraftStorage } from "@/lib/draft-storage";
import { useCreateTask } from "../api/use-create-task";
import { describeTaskError } from "../describe-task-error";
import { clearTaskDraft, loadTaskDraft, saveTaskDraft } from "../task-draft";
import { type TaskFormValues, toCreateBody } from "../task-form-values";
import { useTasksScope } from "../tasks-scope";
import { TaskTextField } from "./task-text-field";

const EMPTY: TaskFormValues = { title: "", description: "" };

/**
 * Adds a task. What is typed is kept in sessionStorage as it is typed, so a
 * forced trip to the login page (session gone) brings it back afterwards.
 */
export function AddTaskForm() {
  const { userId } = useTasksScope();
  const createTask = useCreateTask();
  const [values, setValues] = useState<TaskFormValues>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [restored, setRestored] = useState(false);

  // After mount: sessionStorage does not exist during the server render.
  useEffect(() => {
    const draft = loadTaskDraft(browserDraftStorage(), userId);
    if (!draft) return;
    setValues({ title: draft.title, description: draft.description });
    setRestored(true);
  }, [userId]);

  function change(field: keyof TaskFormValues, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    saveTaskDraft(browserDraftStorage(), { userId, ...next });
    if (fields[field]) setFields(({ [field]: _fixed, ...rest }) => rest);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = toCreateBody(values);
    if (!result.ok) {
      setFields(result.fields);
      return;
    }
    setFields({});
    createTask.mutate(
      { body: result.body, idempotencyKey: crypto.randomUUID() },
      {
        onSuccess: () => {
          setValues(EMPTY);
          setRestored(false);
          clearTaskDraft(browserDraftStorage());
        },
        onError: (error) => setFields(describeTaskError(error).fields),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add a task" className="flex flex-col gap-3">
      <TaskTextField
        label="Title"
        name="title"
        value={values.title}
        onChange={(value) => change("title", value)}
        error={fields.title}
        placeholder="What needs doing?"
        required
      />
      <TaskTextField
        label="Description (optional)"
        name="description"
        value={values.description}
        onChange={(value) => change("description", value)}
        error={fields.description}
        multiline
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={createTask.isPending}
          aria-busy={createTask.isPending}
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {createTask.isPending ? "Adding…" : "Add task"}
        </button>
        <p role="status" className="text-sm text-slate-600">
          {createTask.isPaused
            ? "Waiting for the connection; the task will be added when you are back online."
            : restored
              ? "Restored the task you were typing before signing in again."
              : ""}
        </p>
      </div>
    </form>
  );
}
