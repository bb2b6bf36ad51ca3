// First-load JavaScript of the sign-in, sign-up, dashboard and account pages, gzip, from the production
// build of apps/web (Next 16, Turbopack). A first visit to an App Router page
// loads the build manifest's rootMainFiles (runtime, React, the router) plus
// the route's entryJSFiles from its client reference manifest (root layout,
// page and their client components). Polyfills are excluded: they are
// served with `nomodule`, which current browsers skip. Sizes are gzip at
// zlib's default level, as `next start` compresses.
// Standalone: `node bench/web-first-load.mjs` prints JSON.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export const ROUTES = ["/login", "/register", "/dashboard", "/account"];
export const TARGET_KIB = 150;

// Route groups ("(signed-in)", "(auth)") are folders in the build but not in
// the URL: the route's manifest may sit under one of them.
function routeFolder(nextDir, route) {
  const appDir = join(nextDir, "server/app");
  const direct = join(appDir, route);
  if (existsSync(join(direct, "page_client-reference-manifest.js")))
    return { dir: direct, key: route };
  for (const group of readdirSync(appDir).filter((name) => /^\(.+\)$/.test(name))) {
    const dir = join(appDir, group, route);
    if (existsSync(join(dir, "page_client-reference-manifest.js"))) {
      return { dir, key: `/${group}${route}` };
    }
  }
  throw new Error(`no client reference manifest for ${route}`);
}

function routeEntryFiles(nextDir, route) {
  const { dir, key } = routeFolder(nextDir, route);
  const file = join(dir, "page_client-reference-manifest.js");
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[...]: run it
  // in an empty context instead of parsing JavaScript by hand.
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox, { timeout: 1000 });
  const manifest = sandbox.__RSC_MANIFEST[`${key}/page`];
  return Object.values(manifest.entryJSFiles ?? {}).flat();
}

/** `{route: {files, rawBytes, gzipBytes, gzipKiB}}` plus the build's date. */
export function measureFirstLoad(webDir) {
  const nextDir = join(webDir, ".next");
  const buildManifest = JSON.parse(readFileSync(join(nextDir, "build-manifest.json"), "utf8"));
  const routes = {};
  for (const route of ROUTES) {
    const files = [
      ...new Set([...buildManifest.rootMainFiles, ...routeEntryFiles(nextDir, route)]),
    ];
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const name of files) {
      const body = readFileSync(join(nextDir, name.replace(/^\/_next\//, "")));
      rawBytes += body.length;
      gzipBytes += gzipSync(body).length;
    }
    routes[route] = { files: files.length, rawBytes, gzipBytes, gzipKiB: gzipBytes / 1024 };
  }
  const builtAt = statSync(join(nextDir, "BUILD_ID")).mtime.toISOString();
  return { builtAt, targetKiB: TARGET_KIB, routes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), "../..");
  console.log(JSON.stringify(measureFirstLoad(join(root, "apps/web")), null, 2));
}
