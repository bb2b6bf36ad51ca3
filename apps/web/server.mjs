#!/usr/bin/env node
// The web app's HTTP server in every mode: `npm start`, `npm run dev`
// (--dev) and the container (--standalone, Next's standalone output). It is
// Next's own request handler behind one step that Next cannot do: working out
// the client's address from the socket (and TRUSTED_PROXIES), so rate limits
// and sessions see the real client. See docs/decisions/028-client-address.md.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installLingeringClose } from "@taskgate/lingering-close";
import next from "next";
import { consoleAsJson } from "./console-as-json.mjs";
import {
  compileTrust,
  markClientAddressResolved,
  withClientAddress,
} from "./src/server/client-address.mjs";

// First: from here on every line this process writes is one JSON object.
consoleAsJson();

const dir = dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes("--dev");
const standalone = process.argv.includes("--standalone");
// WEB_PORT is the documented variable (the contract: it alone moves the web
// app); PORT, Next's own, is honoured when it is the only one set.
const port = Number.parseInt(process.env.WEB_PORT || process.env.PORT || "", 10) || 3000;
// Like Next's own servers: every interface, or HOSTNAME in the container
// (a shell's HOSTNAME is the machine's name, so it is read only there).
const hostname = standalone ? process.env.HOSTNAME || "0.0.0.0" : undefined;

let trust;
try {
  trust = compileTrust(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(
    `web: cannot start\n  - TRUSTED_PROXIES: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}

if (standalone) {
  // What Next's generated standalone server.js does: the build's resolved
  // configuration, since next.config.ts is not part of that output.
  const manifest = JSON.parse(readFileSync(join(dir, ".next/required-server-files.json"), "utf8"));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(manifest.config);
}

// Before Next prepares: its start-up hook already creates the auth instance,
// which reads this mark to decide whether to believe X-Forwarded-For.
markClientAddressResolved();
const app = next({ dev, dir, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

// Next attaches its own upgrade handler (hot reload) to this server on the
// first request.
const server = createServer(withClientAddress((req, res) => handle(req, res), trust));
// An early answer (413) must reach a client that is still sending its body.
installLingeringClose(server);
server.listen(port, hostname, () => {
  console.log(`web: listening on port ${port}${dev ? " (development)" : ""}`);
});

// Set by the auth module once it has opened the database (src/identity/auth.server.ts).
const SHUTDOWN = Symbol.for("taskgate.web.shutdown");

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // Stop accepting, let requests in flight finish, let Next clean up, then
  // close the database pool and Redis: exit 0 once all of that is done.
  server.close(() => {
    app
      .close()
      .then(() => globalThis[SHUTDOWN]?.())
      .then(
        () => process.exit(0),
        (error) => {
          console.error(`web: shutdown failed: ${error instanceof Error ? error.message : error}`);
          process.exit(1);
        },
      );
  });
  server.closeIdleConnections();
  // A request that never finishes must not hold the process past the grace period.
  setTimeout(() => {
    console.error("web: requests still open after 25 s; exiting");
    process.exit(1);
  }, 25_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
