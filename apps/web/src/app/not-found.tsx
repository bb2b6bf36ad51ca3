import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/components/brand";
import { buttonClass } from "@/components/button-classes";

export const metadata: Metadata = { title: "Page not found" };

/** Any address the app does not know: says so, and offers the way home. */
export default function NotFound() {
  return (
    <>
      <header className="mx-auto flex h-14 max-w-md items-center px-4">
        <Brand href="/" />
      </header>
      <main className="mx-auto flex max-w-md flex-col items-start gap-4 px-4 pt-10 pb-16">
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="text-3xl font-bold tracking-tight">Page not found</h1>
        <p className="text-slate-700">
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </p>
        <Link href="/dashboard" className={buttonClass.primary}>
          Go to your tasks
        </Link>
      </main>
    </>
  );
}
