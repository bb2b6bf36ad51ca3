let redirecting = false;

/**
 * Sends the browser to the login page, coming back to where the user was.
 * Several requests can fail with 401 at once; only the first one navigates.
 */
export function redirectToSignIn(): void {
  if (redirecting || typeof window === "undefined") return;
  redirecting = true;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}
