import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { THEME_INIT_SCRIPT } from "@/features/theme/theme-preference";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Taskgate", template: "%s · Taskgate" },
  description: "A task manager whose API trusts only short-lived signed tokens.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020618" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy puts this request's CSP nonce on the request (src/proxy.ts); the
  // theme script needs it to run under the policy.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets data-theme before React hydrates: not a mismatch.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script
          nonce={nonce}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant string of our own, needed before first paint
          dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }}
        />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
