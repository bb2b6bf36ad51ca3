/** The form-level message, in a live region so screen readers announce it. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div aria-live="polite" role="status" className="min-h-6">
      {message ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
