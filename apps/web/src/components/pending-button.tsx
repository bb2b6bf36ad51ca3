import type { ButtonHTMLAttributes } from "react";
import { type ButtonLook, buttonClass } from "./button-classes";

type PendingButtonProps = {
  type: "submit" | "button";
  /** While true the button is disabled, busy for assistive tech, and says `pendingLabel`. */
  pending: boolean;
  label: string;
  pendingLabel: string;
  look?: ButtonLook;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children" | "className">;

/** A button whose action runs for a while: a second press cannot start it again. */
export function PendingButton({
  type,
  pending,
  label,
  pendingLabel,
  look = "primary",
  disabled,
  ...button
}: PendingButtonProps) {
  return (
    <button
      type={type}
      disabled={pending || disabled}
      aria-busy={pending}
      className={buttonClass[look]}
      {...button}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
