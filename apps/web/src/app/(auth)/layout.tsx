import type { ReactNode } from "react";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/features/theme/theme-toggle";

/** The frame of the sign-in and sign-up pages: the brand, the theme, one centred card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="mx-auto flex h-14 max-w-md items-center justify-between px-4">
        <Brand href="/" />
        <ThemeToggle />
      </header>
      <main className="mx-auto flex max-w-md flex-col gap-6 px-4 pt-6 pb-16 sm:pt-10">
        {children}
      </main>
    </>
  );
}
