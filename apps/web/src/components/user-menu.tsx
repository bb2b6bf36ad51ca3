"use client";

import { type ReactNode, useEffect, useRef } from "react";

type UserMenuProps = {
  user: { id: string; name: string; email: string };
  /** What the menu offers, e.g. signing out: passed in so this stays free of features. */
  children: ReactNode;
};

function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "");
  return letters.join("") || "?";
}

/**
 * Who is signed in and the way out, behind the avatar: a native disclosure
 * (<details>), so it opens with the keyboard without any script. The script
 * only adds what people expect of a menu: Esc and a click elsewhere close it.
 */
export function UserMenu({ user, children }: UserMenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape" || !details?.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    }
    function onPointer(event: PointerEvent) {
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);

  return (
    <details ref={ref} className="group relative">
      <summary
        // The visible initials are part of the name (WCAG 2.5.3, label in name).
        aria-label={`${initials(user.name)}, User menu`}
        className="flex h-9 w-9 cursor-pointer list-none items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden="true">{initials(user.name)}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
        <p data-testid="user-name" className="truncate font-semibold text-slate-900">
          {user.name}
        </p>
        <p data-testid="user-email" className="truncate text-sm text-slate-600">
          {user.email}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          User id{" "}
          <code data-testid="user-id" className="break-all font-mono">
            {user.id}
          </code>
        </p>
        <div className="mt-3 border-t border-slate-200 pt-3">{children}</div>
      </div>
    </details>
  );
}
