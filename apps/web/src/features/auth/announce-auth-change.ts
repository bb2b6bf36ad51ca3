import { getGlobalBroadcastChannel } from "better-auth/client";
import type { AuthBroadcastTrigger } from "./auth-broadcast";

function announce(trigger: AuthBroadcastTrigger): void {
  getGlobalBroadcastChannel().post({
    event: "session",
    data: { trigger },
    // A fresh value each time: an unchanged localStorage value fires no event.
    clientId: crypto.randomUUID(),
  });
}

/**
 * Tells this origin's other tabs, through Better Auth's own channel, that the
 * user signed out (or deleted the account): they leave the signed-in pages.
 */
export function announceSignOut(): void {
  announce("signout");
}

/** Tells this origin's other tabs that someone signed in: a tab on /login or /register follows. */
export function announceSignIn(): void {
  announce("signin");
}
