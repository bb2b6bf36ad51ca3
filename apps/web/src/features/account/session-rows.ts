import * as z from "zod/mini";
import { type DeviceDescription, describeUserAgent } from "./describe-user-agent";

/** The fields of a Better Auth session the list shows (dates may arrive as strings). */
export type SessionRecord = {
  id: string;
  token: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  ipAddress?: string | null | undefined;
  userAgent?: string | null | undefined;
};

export type SessionRow = {
  id: string;
  /** What revoking it takes; never shown. */
  token: string;
  device: DeviceDescription;
  ipAddress: string;
  createdAt: Date;
  lastActiveAt: Date;
  current: boolean;
};

/** This device first, then the most recently active. */
export function toSessionRows(
  sessions: readonly SessionRecord[],
  currentSessionId: string | null,
): SessionRow[] {
  return sessions
    .map((session) => ({
      id: session.id,
      token: session.token,
      device: describeUserAgent(session.userAgent),
      ipAddress: session.ipAddress?.trim() || "Unknown",
      createdAt: new Date(session.createdAt),
      lastActiveAt: new Date(session.updatedAt),
      current: session.id === currentSessionId,
    }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        b.lastActiveAt.getTime() - a.lastActiveAt.getTime(),
    );
}

// Better Auth's client turns the times into Dates; over plain JSON they are strings.
const Instant = z.union([z.date(), z.string()]);

/** `GET /api/auth/list-sessions`: the fields the list shows. */
const SessionListSchema = z.array(
  z.object({
    id: z.string(),
    token: z.string(),
    createdAt: Instant,
    updatedAt: Instant,
    ipAddress: z.optional(z.nullable(z.string())),
    userAgent: z.optional(z.nullable(z.string())),
  }),
);

/** `GET /api/auth/get-session`: null when signed out. */
const CurrentSessionSchema = z.nullable(z.object({ session: z.object({ id: z.string() }) }));

/** The rows from the two answers' bodies, or null when either is not what Better Auth sends. */
export function readSessionRows(list: unknown, current: unknown): SessionRow[] | null {
  const sessions = SessionListSchema.safeParse(list);
  const mine = CurrentSessionSchema.safeParse(current);
  if (!sessions.success || !mine.success) return null;
  return toSessionRows(sessions.data, mine.data?.session.id ?? null);
}
