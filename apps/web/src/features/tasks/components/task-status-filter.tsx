import type { TaskStatus } from "@taskgate/contracts/task";
import { STATUS_FILTERS, type TaskCounts } from "../task-filter";

/**
 * All / Active / Completed as a radio group: one choice, arrow keys move
 * between them. Each shows its count once known (read with its label).
 */
export function TaskStatusFilter(props: {
  value: TaskStatus;
  onChange: (value: TaskStatus) => void;
  counts: TaskCounts | undefined;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-3">
      <legend className="sr-only">Show tasks</legend>
      <span aria-hidden="true" className="text-sm font-medium text-slate-700">
        Show
      </span>
      <div className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white text-sm">
        {STATUS_FILTERS.map((filter) => (
          <label
            key={filter.value}
            className="relative px-3 py-1.5 text-slate-700 hover:bg-slate-50 has-[:checked]:bg-indigo-600 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 has-[:focus-visible]:ring-inset"
          >
            <input
              type="radio"
              name="task-status"
              value={filter.value}
              checked={props.value === filter.value}
              onChange={() => props.onChange(filter.value)}
              // Transparent and stretched over its label: the real radio takes the
              // click and keyboard focus, the label's text is what shows.
              className="absolute inset-0 cursor-pointer opacity-0"
            />
            {filter.label}
            {props.counts?.[filter.value] ? (
              <span
                data-testid={`count-${filter.value}`}
                className="ml-1.5 tabular-nums opacity-80"
              >
                {props.counts[filter.value]}
              </span>
            ) : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
