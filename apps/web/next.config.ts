import type { NextConfig } from "next";

// Headers that never vary; the CSP (a nonce per request) and HSTS (only over
// https) are set at run time in src/proxy.ts.
const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Opt-in: the container build (the root Dockerfile) sets NEXT_OUTPUT=standalone;
  // `next start` (npm start) warns when standalone output is on.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  transpilePackages: ["@taskgate/contracts", "@taskgate/api-client", "@taskgate/config"],
  // Loaded by Node at run time, never bundled: a native module, and the
  // address libraries server.mjs also loads (so standalone output carries them).
  serverExternalPackages: ["better-sqlite3", "@fastify/proxy-addr", "ipaddr.js"],
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
