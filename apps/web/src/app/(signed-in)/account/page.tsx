import type { Metadata } from "next";
import { DangerZoneSection } from "@/features/account/components/danger-zone-section";
import { PasswordSection } from "@/features/account/components/password-section";
import { ProfileSection } from "@/features/account/components/profile-section";
import { SessionsSection } from "@/features/account/components/sessions-section";
import { requireSession } from "@/identity/session/session.server";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requireSession("/account");
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Account</h1>
      <ProfileSection name={user.name} email={user.email} />
      <PasswordSection />
      <SessionsSection />
      <DangerZoneSection />
    </>
  );
}
