/** Placeholder rows while the first page loads; aria-busy tells assistive tech to wait. */
export function TaskListSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading tasks" data-testid="task-list-loading" role="status">
      <ul className="flex flex-col gap-2">
        {[0, 1, 2].map((row) => (
          <li
            key={row}
            className="flex animate-pulse items-center gap-3 rounded-md border border-slate-200 bg-white p-3"
          >
            <span className="h-4 w-4 rounded bg-slate-200" />
            <span className="h-4 flex-1 rounded bg-slate-200" />
          </li>
        ))}
      </ul>
    </div>
  );
}
