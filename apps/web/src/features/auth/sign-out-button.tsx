"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { leaveWithoutReturn } from "@/lib/redirect-to-sign-in";
import { announceSignOut } from "./announce-auth-change";
import { forgetSessionInTab } from "./forget-session-in-tab";

export function SignOutButton() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    leaveWithoutReturn();
    try {
      const result = await authClient.signOut();
      // B5: other tabs drop their api token and go to the login page on this
      // message, Better Auth's own cross-tab "signout" (its client sends it
      // only while a useSession store is mounted; this app has none).
      if (result.ok) announceSignOut();
    } finally {
      await forgetSessionInTab(queryClient);
    }
    // A full navigation, not a client-side one: it drops every bit of the
    // signed-in page from memory, and a client-side replace racing the router's
    // refresh could leave the cached dashboard on screen.
    window.location.replace("/login?reason=signed-out");
  }

  return (
    <button
      type="button"
      onClick={signOut}
      disabled={pending}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60"
    >
      Sign out
    </button>
  );
}
