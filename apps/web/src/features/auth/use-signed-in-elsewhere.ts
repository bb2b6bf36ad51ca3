"use client";

import { useEffect } from "react";
import { afterSignInPath } from "./safe-next-path";

/**
 * On /login and /register: once another tab of this origin has signed in (or
 * registered), this tab goes to `next` the next time the user looks at it
 * (it becomes visible or gets focus), or at once if it already has both. The
 * page at `next` checks the session itself, so a forged message leads nowhere.
 */
export function useSignedInElsewhere(next: string): void {
  useEffect(() => {
    let signedIn = false;
    const follow = () => {
      if (!signedIn || document.visibilityState !== "visible") return;
      signedIn = false;
      // A full load: the server renders `next` with the new session cookie.
      window.location.replace(afterSignInPath(next));
    };
    async function onStorage(event: StorageEvent) {
      // The message's parser (zod) loads with the first storage event, not with the page.
      const { isSignInBroadcast } = await import("./auth-broadcast");
      if (!isSignInBroadcast(event.key, event.newValue)) return;
      signedIn = true;
      if (document.hasFocus()) follow();
    }
    window.addEventListener("storage", onStorage);
    window.addEventListener("focus", follow);
    document.addEventListener("visibilitychange", follow);
    return () => {
      window.removeEventListener("storage", onStorage);
      window.removeEventListener("focus", follow);
      document.removeEventListener("visibilitychange", follow);
    };
  }, [next]);
}
