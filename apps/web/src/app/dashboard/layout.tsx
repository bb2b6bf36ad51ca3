import type { ReactNode } from "react";
import { Providers } from "./providers";

/** The query cache and the toasts, for the dashboard's client components only. */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
