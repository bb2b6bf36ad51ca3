import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/features/auth/auth-card";
import { LoginForm } from "@/features/auth/login-form";
import { afterSignInPath } from "@/features/auth/safe-next-path";
import { getSession } from "@/lib/session.server";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage(props: Props) {
  const next = afterSignInPath((await props.searchParams).next);
  if (await getSession()) redirect(next);
  return (
    <AuthCard title="Sign in">
      <LoginForm next={next} />
    </AuthCard>
  );
}
