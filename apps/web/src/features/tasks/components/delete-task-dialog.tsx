"use client";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { ConfirmDialogButtons } from "@/components/confirm-dialog-buttons";

type DeleteTaskDialogProps = {
  title: string;
  open: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before deleting a task; opening it focuses Cancel, the harmless choice. */
export function DeleteTaskDialog(props: DeleteTaskDialogProps) {
  return (
    <ConfirmDialog
      open={props.open}
      title="Delete this task?"
      description={`“${props.title}” will be deleted for good.`}
      onCancel={props.onCancel}
      width="sm"
    >
      <ConfirmDialogButtons
        onCancel={props.onCancel}
        onConfirm={props.onConfirm}
        pending={props.pending}
        confirmLabel="Delete task"
        pendingLabel="Deleting…"
        className="mt-5"
      />
    </ConfirmDialog>
  );
}
