let leaving = false;

/**
 * Sends the browser to the login page, coming back to where the user was;
 * `reason` is one of features/auth/login-reason.ts (an api 401 means the
 * session has ended).
 * Several requests can fail with 401 at once; only the first one navigates,
 * and none does once the tab is already leaving (see `leaveWithoutReturn`).
 */
export function redirectToSignIn(reason = "session-expired"): void {
  if (leaving || typeof window === "undefined") return;
  leaving = true;
  const here = `${window.location.pathname}${window.location.search}`;
  // The reason goes last: the login page tells the person why they are there.
  window.location.assign(`/login?next=${encodeURIComponent(here)}&reason=${reason}`);
}

/**
 * For sign-out and account deletion, called before their request: the tab is
 * about to leave for a page of their own choosing. A request still in flight
 * that now fails with 401 must not start a second navigation (to
 * `/login?next=…`) racing that one.
 */
export function leaveWithoutReturn(): void {
  leaving = true;
}
