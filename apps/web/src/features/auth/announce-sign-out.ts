import { getGlobalBroadcastChannel } from "better-auth/client";

/** Tells this origin's other tabs, through Better Auth's own channel, that the user signed out. */
export function announceSignOut(): void {
  getGlobalBroadcastChannel().post({
    event: "session",
    data: { trigger: "signout" },
    // A fresh value each time: an unchanged localStorage value fires no event.
    clientId: crypto.randomUUID(),
  });
}
