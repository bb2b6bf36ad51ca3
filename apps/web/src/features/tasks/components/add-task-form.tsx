"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { PendingButton } from "@/components/pending-button";
import { browserDraftStorage } from "@/lib/draft-storage";
import { useCreateTask } from "../api/use-create-task";
import { describeTaskError } from "../describe-task-error";
import { clearTaskDraft, loadTaskDraft, saveTaskDraft } from "../task-draft";
import { preloadTaskContract, type TaskFormValues, toCreateBody } from "../task-form-values";
import { useTasksScope } from "../tasks-scope";
import { TaskFields } from "./task-fields";

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
  // Between a submit and its mutate call (validation awaits the schema's import).
  const submitting = useRef(false);

  // Once the page is idle: what a submit needs, before the connection can go.
  useEffect(() => {
    const whenIdle =
      window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = whenIdle(() => void preloadTaskContract());
    return () => cancel(handle);
  }, []);

  // After mount: sessionStorage does not exist during the server render.
  useEffect(() => {
    let current = true;
    loadTaskDraft(browserDraftStorage(), userId).then(
      (draft) => {
        // Whatever was typed meanwhile is the stored draft already: nothing is lost.
        if (!current || !draft) return;
        setValues({ title: draft.title, description: draft.description });
        setRestored(true);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [userId]);

  function change(field: keyof TaskFormValues, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    saveTaskDraft(browserDraftStorage(), { userId, ...next });
    if (fields[field]) setFields(({ [field]: _fixed, ...rest }) => rest);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) return;
    submitting.current = true;
    const result = await toCreateBody(values)
      .catch(() => null)
      .finally(() => {
        submitting.current = false;
      });
    if (!result) return;
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
      <TaskFields
        values={values}
        errors={fields}
        onChange={change}
        titlePlaceholder="What needs doing?"
      />
      <div className="flex flex-wrap items-center gap-3">
        <PendingButton
          type="submit"
          pending={createTask.isPending}
          label="Add task"
          pendingLabel="Adding…"
        />
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
