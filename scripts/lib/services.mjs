// What `npm start` and `npm run dev` run: the two services, their builds and
// how to tell they are up.
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * Node flags of the production api process (also in apps/api/package.json's
 * start script and the Dockerfile's api CMD):
 * - a 4 MiB young-generation semi-space instead of V8's 16: the api allocates
 *   little per request and keeps little, so the larger nursery only held
 *   garbage; resident memory after the benchmark 135 → 115 MiB at the same
 *   throughput (decision 022);
 * - the old generation may grow to 1.5× what survived the last full GC
 *   before the next one, instead of V8's up to 4×: the api keeps ~35 MiB
 *   alive, and a burst of new tokens otherwise let garbage push it to
 *   200 MiB; across the 100,000-token flood +38–93 % → +24–26 %, throughput
 *   unchanged (decision 061).
 */
export const API_NODE_FLAGS = ["--max-semi-space-size=4", "--heap-growing-percent=50"];

/** `addresses`: what packages/config derives (the URLs printed once both answer). */
export function services(root, env, { dev, addresses }) {
  const tsxBin = require.resolve("tsx/cli", { paths: [root] });
  const packages = join(root, "packages");
  return [
    {
      name: "api",
      cwd: join(root, "apps/api"),
      command: dev ? [tsxBin, "watch", "src/main.ts"] : [...API_NODE_FLAGS, "dist/main.js"],
      build: {
        workspace: "@taskgate/api",
        artifact: join(root, "apps/api/dist/main.js"),
        sources: [join(root, "apps/api/src"), join(root, "apps/api/package.json"), packages],
      },
      url: addresses?.apiUrl ?? `http://localhost:${env.API_PORT}`,
      probe: `http://127.0.0.1:${env.API_PORT}/health`,
    },
    {
      name: "web",
      cwd: join(root, "apps/web"),
      // Next behind the server that resolves client addresses (reads WEB_PORT, then PORT).
      command: [join(root, "apps/web/server.mjs"), ...(dev ? ["--dev"] : [])],
      build: {
        workspace: "@taskgate/web",
        artifact: join(root, "apps/web/.next/BUILD_ID"),
        sources: [
          join(root, "apps/web/src"),
          join(root, "apps/web/package.json"),
          join(root, "apps/web/next.config.ts"),
          packages,
        ],
      },
      url: addresses?.webUrl ?? `http://localhost:${env.WEB_PORT}`,
      probe: `http://127.0.0.1:${env.WEB_PORT}/api/auth/jwks`,
    },
  ];
}
