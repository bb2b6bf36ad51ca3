import type { FormEvent, ReactNode } from "react";

type ValidatedFormProps = {
  /** The form's accessible name. */
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** Called whenever a control gets focus: starts loading what a submit needs. */
  prefetch: () => void;
  /** Called as any control changes: lets errors shown after a submit clear once fixed. */
  onChange?: (event: FormEvent<HTMLFormElement>) => void;
  className?: string;
  children: ReactNode;
};

/**
 * A form that our code validates (with the same zod schema as the server), so
 * the browser's own checks and bubbles are off and errors show at the fields.
 */
export function ValidatedForm({
  label,
  onSubmit,
  prefetch,
  onChange,
  className = "flex flex-col gap-4",
  children,
}: ValidatedFormProps) {
  return (
    <form
      onSubmit={onSubmit}
      onFocus={prefetch}
      onChange={onChange}
      noValidate
      aria-label={label}
      className={className}
    >
      {children}
    </form>
  );
}
