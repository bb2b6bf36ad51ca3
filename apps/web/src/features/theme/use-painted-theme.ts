"use client";

import { useSyncExternalStore } from "react";

// The theme the page is painted in: <html data-theme>, set before the first
// paint by THEME_INIT_SCRIPT and later by the toggle or a system change. For
// the few widgets that draw their own colours (sonner's toasts).
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

const painted = (): "light" | "dark" =>
  document.documentElement.dataset.theme === "dark" ? "dark" : "light";

export function usePaintedTheme(): "light" | "dark" {
  return useSyncExternalStore(subscribe, painted, () => "light");
}
