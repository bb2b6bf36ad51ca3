import { z } from "zod";
import { AppError } from "../http/app-error.js";

/** The keyset position after which the next page starts: the last item's sort key. */
export interface Cursor {
  createdAt: string;
  id: string;
}

// The wire form is base64url(JSON [created_at, id]). Clients must treat it as
// opaque; the tuple form keeps it short and lets us change it without notice.
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CursorTupleSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(200)]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), "utf8").toString("base64url");
}

const badCursor = () =>
  new AppError(400, "BAD_REQUEST", "The cursor is not valid", {
    errors: [{ path: "cursor", message: "Use the next_cursor of a previous page as is" }],
  });

/** Decodes a client-supplied cursor; anything that is not one of ours is a 400. */
export function decodeCursor(raw: string): Cursor {
  if (!BASE64URL.test(raw)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const tuple = CursorTupleSchema.safeParse(parsed);
  if (!tuple.success) throw badCursor();
  const [createdAt, id] = tuple.data;
  return { createdAt, id };
}
