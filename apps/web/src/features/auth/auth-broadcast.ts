import * as z from "zod/mini";

/**
 * The localStorage key of Better Auth's cross-tab message: writing it gives
 * every other tab of this origin a `storage` event (better-auth/client
 * broadcast-channel). The writing tab gets none.
 */
export const AUTH_BROADCAST_KEY = "better-auth.message";

/**
 * What a tab tells the others. "signout" is Better Auth's own trigger;
 * "signin" is ours (Better Auth has none), sent in the same envelope so any
 * Better Auth session store listening just refetches.
 */
export type AuthBroadcastTrigger = "signout" | "signin";

const BroadcastSchema = z.object({
  event: z.literal("session"),
  data: z.object({ trigger: z.string() }),
});

function triggerOf(key: string | null, newValue: string | null): string | null {
  if (key !== AUTH_BROADCAST_KEY || !newValue) return null;
  try {
    const message = BroadcastSchema.safeParse(JSON.parse(newValue));
    return message.success ? message.data.data.trigger : null;
  } catch {
    return null;
  }
}

/** Whether a `storage` event says another tab of this origin signed out. */
export function isSignOutBroadcast(key: string | null, newValue: string | null): boolean {
  return triggerOf(key, newValue) === "signout";
}

/** Whether a `storage` event says another tab of this origin signed in (or registered). */
export function isSignInBroadcast(key: string | null, newValue: string | null): boolean {
  return triggerOf(key, newValue) === "signin";
}
