import type { CreateTaskBody, Task, UpdateTaskBody } from "@taskgate/contracts/task-wire";
import { fieldErrors } from "../../lib/form/field-errors";
import { checkTaskFieldsLocally } from "./task-limits";

// The api's own body schemas, imported after the page rather than with it.
// The first submit must not need the network (a task can be added offline),
// and no request may have loaded the module by then: the dashboard's first
// tasks come with its HTML (decision 059). So the add form preloads it, and
// should the connection go before it loaded, the same rules are checked
// without zod (./task-limits) and the api checks again once it is back.
const contract = () => import("@taskgate/contracts/task-wire").catch(() => null);

/** Loads the schemas a submit needs, so that a submit made offline can still be checked. */
export function preloadTaskContract(): Promise<unknown> {
  // A failed import (offline already) is tried again at the submit.
  return contract();
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
  const description = values.description.trim() === "" ? undefined : values.description;
  const body = { title: values.title, ...(description !== undefined ? { description } : {}) };
  const loaded = await contract();
  if (!loaded) return checkedLocally(body) as FormResult<CreateTaskBody>;
  const parsed = loaded.CreateTaskBodySchema.safeParse(body);
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
  const loaded = await contract();
  if (!loaded) return checkedLocally(changes);
  const parsed = loaded.UpdateTaskBodySchema.safeParse(changes);
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, fields: fieldErrors(parsed.error) };
}

/** The fields trimmed as the api's schema trims them, or their errors. */
function checkedLocally<T extends { title?: string; description?: string | null }>(
  body: T,
): FormResult<T> {
  const fields = checkTaskFieldsLocally(body);
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    body: {
      ...body,
      ...(body.title !== undefined ? { title: body.title.trim() } : {}),
      ...(typeof body.description === "string" ? { description: body.description.trim() } : {}),
    },
  };
}
