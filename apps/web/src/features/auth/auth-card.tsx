import type { ReactNode } from "react";

/** The card of the sign-in and registration pages; the (auth) layout frames it. */
export function AuthCard({
  title,
  notice,
  children,
}: {
  title: string;
  /** Why the person is here, when we know (see login-reason.ts). */
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {notice}
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
    </>
  );
}
