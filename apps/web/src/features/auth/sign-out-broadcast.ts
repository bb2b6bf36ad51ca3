import { z } from "zod";

/**
 * The localStorage key Better Auth's client writes when it signs out, so other
 * tabs of the same origin get a `storage` event (better-auth/client
 * broadcast-channel).
 */
export const AUTH_BROADCAST_KEY = "better-auth.message";

const BroadcastSchema = z.object({
  event: z.literal("session"),
  data: z.object({ trigger: z.string() }),
});

/** Whether a `storage` event says another tab of this origin signed out. */
export function isSignOutBroadcast(key: string | null, newValue: string | null): boolean {
  if (key !== AUTH_BROADCAST_KEY || !newValue) return false;
  try {
    const message = BroadcastSchema.safeParse(JSON.parse(newValue));
    return message.success && message.data.data.trigger === "signout";
  } catch {
    return false;
  }
}
