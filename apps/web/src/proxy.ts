import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { afterSignInPath } from "./features/auth/safe-next-path";
import {
  contentSecurityPolicy,
  createNonce,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/security-headers";
import { getConfig } from "./server/config.server";

const PROTECTED = [/^\/dashboard(\/|$)/, /^\/account(\/|$)/];

/**
 * Runs before every page: gives the response a CSP with a fresh nonce (Next
 * applies it to its own scripts when it sees the policy on the request), and
 * sends signed-out visitors of a protected page to the login page. The cookie
 * check is optimistic only; each protected page verifies the session itself.
 */
export function proxy(request: NextRequest) {
  const config = getConfig();
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    apiOrigin: config.apiUrl,
    development: config.development,
  });
  const { pathname, search } = request.nextUrl;

  let response: NextResponse;
  if (PROTECTED.some((pattern) => pattern.test(pathname)) && !getSessionCookie(request)) {
    const login = new URL("/login", request.url);
    // The login page checks `next` again; only a same-origin path goes in.
    login.searchParams.set("next", afterSignInPath(`${pathname}${search}`));
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  if (config.baseUrl.startsWith("https:")) {
    response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: route handlers and static files need no page policy.
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
