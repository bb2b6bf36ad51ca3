"use client";

import type { CreateTaskBody } from "@taskgate/contracts/task";
import { useEffect, useState } from "react";
import { PendingButton } from "@/components/pending-button";
import { browserDraftStorage } from "@/lib/draft-storage";
import { useFormSubmit } from "@/lib/form/use-form-submit";
import { useCreateTask } from "../api/use-create-task";
import { describeTaskError } from "../describe-task-error";
import { clearTaskDraft, loadTaskDraft, saveTaskDraft } from "../task-draft";
import {
  preloadTaskContract,
  type TaskFormValues,
  taskFormValues,
  toCreateBody,
} from "../task-form-values";
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
  const [restored, setRestored] = useState(false);
  const form = useFormSubmit<CreateTaskBody>({
    check: async (fields) => {
      const result = await toCreateBody(taskFormValues(fields));
      return result.ok ? { ok: true, input: result.body } : result;
    },
    // The check runs offline: the contract is preloaded once the page is idle.
    unreachable: "The form could not be checked. Try again.",
    submit: async (body) => {
      try {
        // One key per submit, so a paused-then-resumed create is still one task.
        await createTask.mutateAsync({ body, idempotencyKey: crypto.randomUUID() });
      } catch (error) {
        // The mutation's own toast says what went wrong; a 422 shows at the fields.
        return { fields: describeTaskError(error).fields, alert: null };
      }
      setValues(EMPTY);
      setRestored(false);
      clearTaskDraft(browserDraftStorage());
      return null;
    },
  });

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
  }

  return (
    <form
      onSubmit={form.onSubmit}
      onChange={form.revalidate}
      noValidate
      aria-label="Add a task"
      className="flex flex-col gap-3"
    >
      <TaskFields
        values={values}
        errors={form.errors}
        onChange={change}
        titlePlaceholder="What needs doing?"
      />
      <div className="flex flex-wrap items-center gap-3">
        <PendingButton
          type="submit"
          pending={form.pending}
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
