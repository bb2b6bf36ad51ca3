import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { Brand } from "@/components/brand";
import { UserMenu } from "@/components/user-menu";
import { SignOutButton } from "@/features/auth/sign-out-button";
import { SignedOutElsewhere } from "@/features/auth/signed-out-elsewhere";
import { ConnectivityNotice } from "@/features/connectivity/connectivity-notice";
import { ThemeToggle } from "@/features/theme/theme-toggle";
import { getSession } from "@/identity/session/session.server";
import { Providers } from "./providers";

/**
 * The frame of every signed-in page: brand, navigation, theme, the user menu,
 * and the page's one connection notice. Each page still checks the session
 * itself (with its own path to come back to); without one, the page redirects.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) return children;
  const { user } = session;
  return (
    <Providers>
      <SignedOutElsewhere />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-30 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-2 px-4 sm:gap-4">
          <Brand href="/dashboard" />
          <AppNav />
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            <ThemeToggle />
            <UserMenu user={{ id: user.id, name: user.name, email: user.email }}>
              <SignOutButton />
            </UserMenu>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:py-8">
        {/* Outside the page's flex column: its empty live region adds no gap. */}
        <ConnectivityNotice />
        <div className="flex flex-col gap-6">{children}</div>
      </main>
    </Providers>
  );
}
