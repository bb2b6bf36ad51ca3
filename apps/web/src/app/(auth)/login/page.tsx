import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/features/auth/auth-card";
import { LoginForm } from "@/features/auth/login-form";
import { parseLoginReason } from "@/features/auth/login-reason";
import { LoginReasonNotice } from "@/features/auth/login-reason-notice";
import { afterSignInPath } from "@/features/auth/safe-next-path";
import { getSession } from "@/identity/session/session.server";
import { whySessionEnded } from "@/identity/session/why-session-ended.server";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage(props: Props) {
  const params = await props.searchParams;
  const next = afterSignInPath(params.next);
  if (await getSession()) redirect(next);
  let reason = parseLoginReason(params.reason);
  // "Your session has ended" is all a dead session can say by itself; when it
  // was ended from elsewhere, say that instead. No other reason is relabelled.
  if (reason === "session-expired") reason = (await whySessionEnded()) ?? reason;
  return (
    <AuthCard title="Sign in" notice={reason ? <LoginReasonNotice reason={reason} /> : null}>
      <LoginForm next={next} />
    </AuthCard>
  );
}
