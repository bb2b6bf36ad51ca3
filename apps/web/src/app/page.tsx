import Link from "next/link";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/features/theme/theme-toggle";
import { getSession } from "@/identity/session/session.server";

const primary =
  "rounded-md bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2";
const secondary =
  "rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

export default async function HomePage() {
  const session = await getSession();
  return (
    <>
      <header className="mx-auto flex h-14 max-w-2xl items-center justify-between px-6">
        <Brand href="/" />
        <ThemeToggle />
      </header>
      <main className="mx-auto flex max-w-2xl flex-col gap-6 px-6 py-16">
        <h1 className="text-4xl font-bold tracking-tight">Taskgate</h1>
        <p className="text-lg text-slate-700">
          A task manager in two parts: this web app signs you in and hands out short-lived signed
          tokens, and a separate API that trusts nothing but those tokens keeps your tasks.
        </p>
        <nav aria-label="Get started" className="flex flex-wrap gap-3">
          {session ? (
            <Link href="/dashboard" className={primary}>
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link href="/login" className={primary}>
                Sign in
              </Link>
              <Link href="/register" className={secondary}>
                Create an account
              </Link>
            </>
          )}
        </nav>
      </main>
    </>
  );
}
