"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { getTokenProvider } from "@/lib/api-client";
import { getAuthClient } from "@/lib/auth-client";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      await getAuthClient().signOut();
    } finally {
      // The in-memory api token must not outlive the session.
      getTokenProvider().clear();
    }
    router.replace("/login");
    router.refresh();
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
