import type { TaskStatus } from "@taskgate/contracts/task";
import { emptyListText } from "../task-filter";

export function EmptyTasks({ status }: { status: TaskStatus }) {
  const { title, hint } = emptyListText(status);
  return (
    <div
      data-testid="tasks-empty"
      className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-center"
    >
      <p className="font-medium text-slate-800">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{hint}</p>
    </div>
  );
}
