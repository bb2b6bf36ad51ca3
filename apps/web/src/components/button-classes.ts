// Whole class strings, never assembled from pieces: Tailwind finds the classes
// it generates by reading the source as text.

/** The looks a button can have, by what it does. */
export const buttonClass = {
  /** A form's main action. */
  primary:
    "rounded-md bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60",
  /** The main action of a form inside a list item. */
  primaryCompact:
    "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60",
  /** Cancel and other ways out. */
  secondary:
    "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60",
  /** Confirms something that cannot be undone. */
  danger:
    "rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60",
  /** A destructive action outside a confirmation dialog. */
  dangerOutline:
    "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:cursor-not-allowed disabled:opacity-60",
} as const;

export type ButtonLook = keyof typeof buttonClass;
