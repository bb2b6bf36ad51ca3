"use client";

import { useEffect, useId, useRef } from "react";

type DeleteTaskDialogProps = {
  title: string;
  open: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal confirmation built on <dialog>: the browser traps focus, closes on
 * Escape and puts focus on the first button (Cancel, the harmless choice).
 */
export function DeleteTaskDialog(props: DeleteTaskDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      // Escape: let React's state close it, so `open` stays the one truth.
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
      className="m-auto w-full max-w-sm rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        Delete this task?
      </h2>
      <p id={bodyId} className="mt-2 break-words text-sm text-slate-700">
        “{props.title}” will be deleted for good.
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          onClick={props.onCancel}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          Cancel
        </button>
        <button
          type="button"
          onClick={props.onConfirm}
          disabled={props.pending}
          aria-busy={props.pending}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60"
        >
          {props.pending ? "Deleting…" : "Delete task"}
        </button>
      </div>
    </dialog>
  );
}
