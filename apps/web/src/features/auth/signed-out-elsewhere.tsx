"use client";

import { useEffect } from "react";
import { getTokenProvider } from "@/lib/api-client";
import { isSignOutBroadcast } from "./sign-out-broadcast";

/**
 * B5: when another tab signs out, forget this tab's api token too. The page
 * stays as it is; its next api call finds no session and goes to the login
 * page, which keeps what the user was typing.
 */
export function SignedOutElsewhere() {
  useEffect(() => {
    function onStorage(event: StorageEvent) {
      if (isSignOutBroadcast(event.key, event.newValue)) getTokenProvider().clear();
    }
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
  return null;
}
