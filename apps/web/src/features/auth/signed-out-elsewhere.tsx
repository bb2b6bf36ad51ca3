"use client";

import { useEffect } from "react";
import { forgetCredentials } from "@/lib/api-token";
import { redirectToSignIn } from "@/lib/redirect-to-sign-in";

/**
 * B5: when another tab signs out (or deletes the account), this tab forgets
 * its api token and leaves for the login page at once, coming back here after
 * sign-in: nothing of the ended session stays on screen. What the user was
 * typing is already in this tab's sessionStorage and is restored then.
 */
export function SignedOutElsewhere() {
  useEffect(() => {
    async function onStorage(event: StorageEvent) {
      // The message's parser (zod) loads with the first storage event, not with the page.
      const { isSignOutBroadcast } = await import("./auth-broadcast");
      if (!isSignOutBroadcast(event.key, event.newValue)) return;
      await forgetCredentials();
      redirectToSignIn("signed-out-elsewhere");
    }
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
  return null;
}
