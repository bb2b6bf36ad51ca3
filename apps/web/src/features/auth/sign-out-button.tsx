"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { getTokenProvider } from "@/lib/api-client";
import { getAuthClient } from "@/lib/auth-client";
import { browserDraftStorage, clearAllDrafts } from "@/lib/draft-storage";
import { announceSignOut } from "./announce-sign-out";

export function SignOutButton() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      const { error } = await getAuthClient().signOut();
      // B5: other tabs drop their api token on this message. Better Auth sends
      // it only while its useSession store is mounted, which this app does not
      // use, so we send the same message ourselves.
      if (!error) announceSignOut();
    } finally {
      // Nothing of this session may outlive it in the tab (B4): the in-memory
      // api token, requests in flight, cached tasks, and unsent drafts.
      getTokenProvider().clear();
      await queryClient.cancelQueries();
      queryClient.clear();
      clearAllDrafts(browserDraftStorage());
    }
    // A full navigation, not a client-side one: it drops every bit of the
    // signed-in page from memory, and a client-side replace racing the router's
    // refresh could leave the cached dashboard on screen.
    window.location.replace("/login");
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
