import Link from "next/link";

type SwitchFormLinkProps = {
  question: string;
  link: string;
  path: "/login" | "/register";
  /** Where the user goes once signed in; the other form keeps it. */
  next: string;
};

/** Under a credentials form: the way to the other one. */
export function SwitchFormLink({ question, link, path, next }: SwitchFormLinkProps) {
  return (
    <p className="text-sm text-slate-600">
      {question}{" "}
      <Link href={`${path}?next=${encodeURIComponent(next)}`} className="text-indigo-700 underline">
        {link}
      </Link>
    </p>
  );
}
