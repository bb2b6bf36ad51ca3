type UserDetailsProps = { user: { id: string; name: string; email: string } };

/** Who is signed in, as the web app's session knows it. */
export function UserDetails({ user }: UserDetailsProps) {
  const rows = [
    { label: "Name", value: user.name, testId: "user-name" },
    { label: "Email", value: user.email, testId: "user-email" },
    { label: "User id", value: user.id, testId: "user-id" },
  ];
  return (
    <section
      aria-labelledby="session-title"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="session-title" className="text-lg font-semibold text-slate-900">
        Your account
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map((row) => (
          <div key={row.testId} className="contents">
            <dt className="font-medium text-slate-600">{row.label}</dt>
            <dd data-testid={row.testId} className="break-all text-slate-900">
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
