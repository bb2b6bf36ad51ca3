import { buttonClass } from "./button-classes";
import { PendingButton } from "./pending-button";

type ConfirmDialogButtonsProps = {
  onCancel: () => void;
  /** For an action that cannot be called back once sent: Cancel waits for it. */
  cancelDisabled?: boolean;
  /** Without it, the confirm button submits the form it is in. */
  onConfirm?: () => void;
  pending: boolean;
  confirmLabel: string;
  pendingLabel: string;
  /** Extra classes for the row, e.g. space above it. */
  className?: string;
};

/**
 * Cancel, then the destructive action: in that order, so that where a dialog
 * focuses its first control on opening, that is the harmless one.
 */
export function ConfirmDialogButtons({
  onCancel,
  cancelDisabled,
  onConfirm,
  pending,
  confirmLabel,
  pendingLabel,
  className,
}: ConfirmDialogButtonsProps) {
  return (
    <div className={className ? `${className} flex justify-end gap-2` : "flex justify-end gap-2"}>
      <button
        type="button"
        onClick={onCancel}
        disabled={cancelDisabled}
        className={buttonClass.secondary}
      >
        Cancel
      </button>
      <PendingButton
        type={onConfirm ? "button" : "submit"}
        look="danger"
        onClick={onConfirm}
        pending={pending}
        label={confirmLabel}
        pendingLabel={pendingLabel}
      />
    </div>
  );
}
