// The api's bounds (packages/contracts task-wire TITLE_MAX, DESCRIPTION_MAX),
// repeated here so that showing them does not put zod in the first load;
// task-limits.test.ts keeps the two equal.
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** The counter shows from 80 % of the limit on: earlier it is noise. */
export function showCounter(length: number, max: number): boolean {
  return length >= Math.floor(max * 0.8);
}

// The api's field messages, for the rare check made without its schema
// (task-form-values.ts); task-limits.test.ts keeps them equal to the schema's.
export const TASK_FIELD_MESSAGES = {
  titleRequired: "Title is required.",
  titleTooLong: `Title is at most ${TITLE_MAX_LENGTH} characters.`,
  titleNul: "Title cannot contain a NUL character.",
  descriptionTooLong: `Description is at most ${DESCRIPTION_MAX_LENGTH} characters.`,
  descriptionNul: "Description cannot contain a NUL character.",
} as const;

/** The api's task field rules without zod: errors by field, none when the fields are valid. */
export function checkTaskFieldsLocally(body: {
  title?: string;
  description?: string | null;
}): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body.title !== undefined) {
    const title = body.title.trim();
    if (body.title.includes("\u0000")) fields.title = TASK_FIELD_MESSAGES.titleNul;
    else if (title === "") fields.title = TASK_FIELD_MESSAGES.titleRequired;
    else if (title.length > TITLE_MAX_LENGTH) fields.title = TASK_FIELD_MESSAGES.titleTooLong;
  }
  if (typeof body.description === "string") {
    if (body.description.includes("\u0000")) {
      fields.description = TASK_FIELD_MESSAGES.descriptionNul;
    } else if (body.description.trim().length > DESCRIPTION_MAX_LENGTH) {
      fields.description = TASK_FIELD_MESSAGES.descriptionTooLong;
    }
  }
  return fields;
}
