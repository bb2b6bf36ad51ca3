"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

const maxWidth = { sm: "max-w-sm", md: "max-w-md" } as const;

type ConfirmDialogProps = {
  open: boolean;
  /** The dialog's accessible name. */
  title: string;
  /** What confirming does; read out with the title. */
  description: string;
  /** Escape: the owner sets `open` to false (or keeps it, e.g. while the action runs). */
  onCancel: () => void;
  width: keyof typeof maxWidth;
  /** The buttons, or a form that ends with them. */
  children: ReactNode;
};

/**
 * A modal confirmation built on <dialog>: the browser traps focus, closes on
 * Escape and puts focus on the first control in it, so that control should be
 * the harmless one (Cancel) or the field the confirmation asks for.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  onCancel,
  width,
  children,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      // Escape: let React's state close it, so `open` stays the one truth.
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className={`m-auto w-full ${maxWidth[width]} rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40`}
    >
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {/* break-words: the text may quote what the user typed, e.g. a task's title. */}
      <p id={bodyId} className="mt-2 break-words text-sm text-slate-700">
        {description}
      </p>
      {children}
    </dialog>
  );
}
