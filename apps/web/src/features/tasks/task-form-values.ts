import type { CreateTaskBody, Task, UpdateTaskBody } from "@taskgate/contracts/task-wire";
import { fieldErrors } from "../../lib/form/field-errors";

// The api's own body schemas, imported after the page rather than with it.
// The first submit must not need the network (a task can be added offline),
// and no request may have loaded the module by then: the dashboard's first
// tasks come with its HTML (decision 059). So the add form preloads it.
const contract = () => import("@taskgate/contracts/task-wire");

/** Loads the schemas a submit needs, so that a submit made offline can still be checked. */
export function preloadTaskContract(): Promise<unknown> {
  // A failed import (offline already) is tried again at the submit.
  return contract().catch(() => undefined);
}

/** What the add and edit forms hold: plain strings, as typed. */
export type TaskFormValues = { title: string; description: string };

export type FormResult<T> = { ok: true; body: T } | { ok: false; fields: Record<string, string> };

/** The values as the form's named fields hold them (FormData), as TaskFormValues. */
export function taskFormValues(fields: Record<string, unknown>): TaskFormValues {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return { title: text(fields.title), description: text(fields.description) };
}

/**
 * The create body, checked by the same schema the api uses. An empty
 * description is left out rather than sent as "".
 */
export async function toCreateBody(values: TaskFormValues): Promise<FormResult<CreateTaskBody>> {
  const { CreateTaskBodySchema } = await contract();
  const description = values.description.trim() === "" ? undefined : values.description;
  const parsed = CreateTaskBodySchema.safeParse({
    title: values.title,
    ...(description !== undefined ? { description } : {}),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, fields: fieldErrors(parsed.error) };
}

/**
 * A PATCH body with only what changed (null when nothing did), checked by the
 * api's schema. Clearing the description sends null, which the api stores as "none".
 */
export async function toUpdateBody(
  values: TaskFormValues,
  task: Task,
): Promise<FormResult<UpdateTaskBody | null>> {
  const description = values.description.trim() === "" ? null : values.description.trim();
  const title = values.title.trim();
  const changes = {
    ...(title !== task.title ? { title: values.title } : {}),
    ...(description !== task.description ? { description } : {}),
  };
  if (Object.keys(changes).length === 0) return { ok: true, body: null };
  const { UpdateTaskBodySchema } = await contract();
  const parsed = UpdateTaskBodySchema.safeParse(changes);
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, fields: fieldErrors(parsed.error) };
}
