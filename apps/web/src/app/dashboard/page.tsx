import type { Metadata } from "next";
import Link from "next/link";
import { ApiStatusCard } from "@/features/api-status/api-status-card";
import { SignOutButton } from "@/features/auth/sign-out-button";
import { SignedOutElsewhere } from "@/features/auth/signed-out-elsewhere";
import { UserDetails } from "@/features/session/user-details";
import { TasksSection } from "@/features/tasks/components/tasks-section";
import { getConfig } from "@/lib/config.server";
import { requireSession } from "@/lib/session.server";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { user } = await requireSession("/dashboard");
  // Read at run time: the same build serves any api URL.
  const { apiUrl } = getConfig();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-10">
      <SignedOutElsewhere />
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
        <nav aria-label="User menu" className="flex items-center gap-3">
          <Link
            href="/account"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 underline hover:bg-indigo-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          >
            Account
          </Link>
          <SignOutButton />
        </nav>
      </header>
      <main className="flex flex-col gap-6">
        <div className="grid gap-6 md:grid-cols-2">
          <UserDetails user={{ id: user.id, name: user.name, email: user.email }} />
          <ApiStatusCard apiUrl={apiUrl} />
        </div>
        <TasksSection userId={user.id} apiUrl={apiUrl} />
      </main>
    </div>
  );
}
