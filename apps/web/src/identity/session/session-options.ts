/**
 * Better Auth's `session` option. Sessions stay in the database even with
 * Redis, so both apps see the same sessions whatever the deployment.
 */
export const SESSION_OPTIONS = {
  storeSessionInDatabase: true,
  // Better Auth refuses to list the sessions (403 SESSION_NOT_FRESH) once
  // the current one is older than `freshAge` (a day by default), which
  // would break the account page. Nothing else here relies on freshness:
  // changing the password and deleting the account ask for the password.
  freshAge: 0,
} as const;

/** How often a session's "last active" time is written while it is used. */
export const SESSION_ACTIVITY_INTERVAL_MS = 5 * 60 * 1_000;
