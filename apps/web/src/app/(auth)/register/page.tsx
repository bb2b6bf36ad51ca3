import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/features/auth/auth-card";
import { RegisterForm } from "@/features/auth/register-form";
import { afterSignInPath } from "@/features/auth/safe-next-path";
import { getSession } from "@/identity/session/session.server";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegisterPage(props: Props) {
  const next = afterSignInPath((await props.searchParams).next);
  if (await getSession()) redirect(next);
  return (
    <AuthCard title="Create an account">
      <RegisterForm next={next} />
    </AuthCard>
  );
}
