"use client";

import { useId, useLayoutEffect, useRef, useState } from "react";

/**
 * A task's description, clamped to three lines; "Show more" appears only when
 * the text is cut, and opens it in place.
 */
export function TaskDescription({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const [clamped, setClamped] = useState(false);

  // Measured after layout: whether the clamp hides anything depends on the width.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || expanded) return;
    const measure = () => setClamped(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded]);

  return (
    <>
      <p
        ref={ref}
        id={id}
        data-testid="task-description"
        className={`mt-0.5 whitespace-pre-line break-words text-sm text-slate-600 ${expanded ? "" : "line-clamp-3"}`}
      >
        {text}
      </p>
      {clamped || expanded ? (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((open) => !open)}
          className="mt-1 rounded text-sm font-medium text-indigo-700 underline hover:text-indigo-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          {expanded ? "Show less" : "Show more"}
        </button>
      ) : null}
    </>
  );
}
