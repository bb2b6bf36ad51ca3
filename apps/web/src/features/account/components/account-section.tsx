import type { ReactNode } from "react";

type AccountSectionProps = {
  /** Names the heading, which labels the section for assistive tech. */
  id: string;
  title: string;
  description?: ReactNode;
  danger?: boolean;
  children: ReactNode;
};

/** The card each part of the account page sits in. */
export function AccountSection({ id, title, description, danger, children }: AccountSectionProps) {
  const frame = danger ? "border-red-200" : "border-slate-200";
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`flex flex-col gap-4 rounded-lg border bg-white p-5 shadow-sm ${frame}`}
    >
      <div className="flex flex-col gap-1">
        <h2
          id={`${id}-title`}
          className={`text-lg font-semibold ${danger ? "text-red-800" : "text-slate-900"}`}
        >
          {title}
        </h2>
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
