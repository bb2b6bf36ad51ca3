"use client";

import Link from "next/link";
import { buttonClass } from "@/components/button-classes";

/**
 * A page that failed while rendering: one plain sentence, a retry and the way
 * home. The error's own text is not shown: it may hold internals.
 */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto flex max-w-md flex-col items-start gap-4 px-4 pt-16 pb-16">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="text-slate-700">
        This page could not be shown. Try again, or go back to your tasks.
      </p>
      <div className="flex gap-3">
        <button type="button" onClick={reset} className={buttonClass.primary}>
          Try again
        </button>
        <Link href="/dashboard" className={buttonClass.secondary}>
          Go to your tasks
        </Link>
      </div>
    </main>
  );
}
