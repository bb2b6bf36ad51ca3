"use client";

import type { Task } from "@taskgate/contracts/task";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/button-classes";
import { PendingButton } from "@/components/pending-button";
import { useUpdateTask } from "../api/use-update-task";
import { describeTaskError } from "../describe-task-error";
import { type TaskFormValues, toUpdateBody } from "../task-form-values";
import { TaskFields } from "./task-fields";

/** Inline editing of one task's title and description; sends only what changed (PATCH). */
export function TaskEditForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const updateTask = useUpdateTask();
  const container = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<TaskFormValues>({
    title: task.title,
    description: task.description ?? "",
  });
  const [fields, setFields] = useState<Record<string, string>>({});

  // Keyboard users land in the field they came to edit.
  useEffect(() => {
    container.current?.querySelector("input")?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateTask.isPending) return;
    const result = await toUpdateBody(values, task);
    if (!result.ok) {
      setFields(result.fields);
      return;
    }
    if (result.body === null) {
      onDone();
      return;
    }
    setFields({});
    updateTask.mutate(
      { taskId: task.id, body: result.body },
      { onSuccess: onDone, onError: (error) => setFields(describeTaskError(error).fields) },
    );
  }

  return (
    <form
      ref={container}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") onDone();
      }}
      noValidate
      aria-label={`Edit ${task.title}`}
      className="flex flex-col gap-3"
    >
      <TaskFields
        values={values}
        errors={fields}
        onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
      />
      <div className="flex gap-2">
        <PendingButton
          type="submit"
          look="primaryCompact"
          pending={updateTask.isPending}
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
