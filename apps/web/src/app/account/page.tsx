import type { Metadata } from "next";
import Link from "next/link";
import { DangerZoneSection } from "@/features/account/components/danger-zone-section";
import { PasswordSection } from "@/features/account/components/password-section";
import { ProfileSection } from "@/features/account/components/profile-section";
import { SessionsSection } from "@/features/account/components/sessions-section";
import { SignOutButton } from "@/features/auth/sign-out-button";
import { SignedOutElsewhere } from "@/features/auth/signed-out-elsewhere";
import { requireSession } from "@/lib/session.server";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requireSession("/account");
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-10">
      <SignedOutElsewhere />
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <Link href="/dashboard" className="text-sm text-indigo-700 underline">
            <span aria-hidden="true">← </span>Back to dashboard
          </Link>
          <h1 className="text-2xl font-bold tracking-tight">Account</h1>
        </div>
        <SignOutButton />
      </header>
      <main className="flex flex-col gap-6">
        <ProfileSection name={user.name} email={user.email} />
        <PasswordSection />
        <SessionsSection />
        <DangerZoneSection />
      </main>
    </div>
  );
}
