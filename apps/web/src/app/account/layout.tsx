import type { ReactNode } from "react";
import { Providers } from "../dashboard/providers";

/** The same client-side state as the dashboard: the query cache and the toasts. */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
