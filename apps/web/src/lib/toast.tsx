"use client";

import { type ComponentType, useEffect, useState } from "react";
import type { ExternalToast, ToasterProps } from "sonner";

// sonner (about 9.5 KiB of gzipped JavaScript) draws nothing until the first
// toast, which always follows a user action: it loads once the page is idle,
// not with it. Every toast goes through here, never through sonner directly.
type Sonner = typeof import("sonner");
let loading: Promise<Sonner> | undefined;
// Set while a DeferredToaster is mounted: mounts its <Toaster> at once.
let mountToaster: (() => void) | undefined;

function loadSonner(): Promise<Sonner> {
  if (loading) return loading;
  loading = import("sonner");
  // A failed import (offline while the page loaded) is tried again next time.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

function show(kind: "success" | "error", message: string, data?: ExternalToast): void {
  mountToaster?.();
  // A toast that cannot load (the network went away) is not worth an error.
  loadSonner().then(
    (sonner) => sonner.toast[kind](message, data),
    () => undefined,
  );
}

/** sonner's `toast.success` and `toast.error`, loading sonner on first use. */
export const toast = {
  success: (message: string, data?: ExternalToast) => show("success", message, data),
  error: (message: string, data?: ExternalToast) => show("error", message, data),
};

/**
 * sonner's <Toaster>, mounted once the browser is idle after the page has
 * loaded (its live region is then in place before a toast needs announcing),
 * or at the first toast if that comes sooner: sonner shows toasts raised
 * before its Toaster mounted.
 */
export function DeferredToaster(props: ToasterProps) {
  const [Toaster, setToaster] = useState<ComponentType<ToasterProps> | null>(null);
  useEffect(() => {
    let mounted = true;
    const load = () => {
      loadSonner().then(
        (sonner) => {
          if (mounted) setToaster(() => sonner.Toaster);
        },
        () => undefined,
      );
    };
    mountToaster = load;
    // Safari has no requestIdleCallback.
    const idle = "requestIdleCallback" in window;
    const handle = idle
      ? window.requestIdleCallback(load, { timeout: 2_000 })
      : window.setTimeout(load, 200);
    return () => {
      mounted = false;
      mountToaster = undefined;
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
    };
  }, []);
  return Toaster ? <Toaster {...props} /> : null;
}
