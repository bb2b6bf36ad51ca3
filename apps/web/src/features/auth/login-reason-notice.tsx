import { LOGIN_REASONS, type LoginReason } from "./login-reason";

const TONE = {
  info: "border-indigo-200 bg-indigo-50 text-indigo-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
} as const;

/** Tells the person why they are on the sign-in page. */
export function LoginReasonNotice({ reason }: { reason: LoginReason }) {
  const { tone, text } = LOGIN_REASONS[reason];
  return (
    <p
      role="status"
      data-testid="login-reason"
      data-reason={reason}
      className={`rounded-md border px-4 py-3 text-sm ${TONE[tone]}`}
    >
      {text}
    </p>
  );
}
