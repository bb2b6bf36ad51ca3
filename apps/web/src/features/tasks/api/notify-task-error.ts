import { toast } from "@/lib/toast";
import { describeTaskError } from "../describe-task-error";

/**
 * The toast for a failed write. Quiet when the form shows the problem at its
 * fields (422) or when the page is already on its way to the login page (401).
 */
export function notifyTaskError(action: string, error: unknown): void {
  const { message, fields, silent } = describeTaskError(error);
  if (silent || Object.keys(fields).length > 0) return;
  toast.error(`Could not ${action}`, { description: message });
}
