import { z } from "zod";

/** Which process reads a variable (the README table's "app" column). */
export type App = "web" | "api" | "both";

/** What the docs say about a variable; its type lives in the zod schema it is attached to. */
export type VariableDoc = {
  app: App;
  /** The default in words, as the README table shows it. */
  default: string;
  /** One line: what it does. */
  doc: string;
  /** The value `.env.example` shows; empty (the default applies) unless given. */
  example?: string;
};

/**
 * Every variable's documentation, keyed by its schema: a variable is written
 * once (type, default, app, doc) and `.env.example` and the README table are
 * generated from the fragments (see docs.ts).
 */
export const variables = z.registry<VariableDoc>();

/** A zod schema per variable name: what each fragment (shared, web, api) is. */
export type Fragment = Record<string, z.ZodType>;

/** The documentation of `schema`, which every fragment entry must have. */
export function docOf(name: string, schema: z.ZodType): VariableDoc {
  const doc = variables.get(schema);
  if (!doc) throw new Error(`${name}: not documented (register it in packages/config)`);
  return doc;
}
