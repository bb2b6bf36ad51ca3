"use client";

import type { Task, UpdateTaskBody } from "@taskgate/contracts/task";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/button-classes";
import { PendingButton } from "@/components/pending-button";
import { useFormSubmit } from "@/lib/form/use-form-submit";
import { useUpdateTask } from "../api/use-update-task";
import { describeTaskError } from "../describe-task-error";
import { type TaskFormValues, taskFormValues, toUpdateBody } from "../task-form-values";
import { TaskFields } from "./task-fields";

/** Inline editing of one task's title and description; sends only what changed (PATCH). */
export function TaskEditForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const updateTask = useUpdateTask();
  const container = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<TaskFormValues>({
    title: task.title,
    description: task.description ?? "",
  });
  const form = useFormSubmit<UpdateTaskBody | null>({
    check: async (fields) => {
      const result = await toUpdateBody(taskFormValues(fields), task);
      return result.ok ? { ok: true, input: result.body } : result;
    },
    unreachable: "The form could not be checked. Try again.",
    submit: async (body) => {
      // Nothing changed: closing is all there is to do.
      if (body === null) {
        onDone();
        return null;
      }
      try {
        await updateTask.mutateAsync({ taskId: task.id, body });
      } catch (error) {
        // The mutation's own toast says what went wrong; a 422 shows at the fields.
        return { fields: describeTaskError(error).fields, alert: null };
      }
      onDone();
      return null;
    },
  });

  // Keyboard users land in the field they came to edit.
  useEffect(() => {
    container.current?.querySelector("input")?.focus();
  }, []);

  return (
    <form
      ref={container}
      onSubmit={form.onSubmit}
      onChange={form.revalidate}
      onKeyDown={(event) => {
        if (event.key === "Escape") onDone();
      }}
      noValidate
      aria-label={`Edit ${task.title}`}
      className="flex flex-col gap-3"
    >
      <TaskFields
        values={values}
        errors={form.errors}
        onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
      />
      <div className="flex gap-2">
        <PendingButton
          type="submit"
          look="primaryCompact"
          pending={form.pending}
          label="Save"
          pendingLabel="Saving…"
        />
        <button type="button" onClick={onDone} className={buttonClass.secondary}>
          Cancel
        </button>
      </div>
    </form>
  );
}
