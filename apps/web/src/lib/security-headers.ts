/**
 * The web app's Content-Security-Policy: scripts only from this origin or
 * carrying this request's nonce ('strict-dynamic' lets Next's nonced loader
 * pull in its chunks); no plugins, no <base> tricks, no framing. Styles may be
 * inline: the toast library sets style attributes, and a style cannot run code.
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  apiOrigin: string;
  development: boolean;
}): string {
  const scriptSrc = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`];
  // React's development build uses eval for error overlays; production never does.
  if (options.development) scriptSrc.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self' ${options.apiOrigin}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** One year, subdomains included: sent only when the app is served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
