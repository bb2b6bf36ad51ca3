"use client";

import type { TaskFormValues } from "../task-form-values";
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from "../task-limits";
import { TaskTextField } from "./task-text-field";

/**
 * The title and description fields both task forms show, with the api's
 * field errors (422) under each: one place for their labels and rules.
 */
export function TaskFields({
  values,
  errors,
  onChange,
  titlePlaceholder,
}: {
  values: TaskFormValues;
  errors: Record<string, string>;
  onChange: (field: keyof TaskFormValues, value: string) => void;
  titlePlaceholder?: string;
}) {
  return (
    <>
      <TaskTextField
        label="Title"
        name="title"
        value={values.title}
        onChange={(value) => onChange("title", value)}
        error={errors.title}
        maxLength={TITLE_MAX_LENGTH}
        {...(titlePlaceholder ? { placeholder: titlePlaceholder } : {})}
        required
      />
      <TaskTextField
        label="Description (optional)"
        name="description"
        value={values.description}
        onChange={(value) => onChange("description", value)}
        error={errors.description}
        maxLength={DESCRIPTION_MAX_LENGTH}
        multiline
      />
    </>
  );
}
