// The unit and integration tests (Vitest) on another Node major, for CI
// (`npm test -- --node=22,24`). The machine keeps its own Node; the other one
// comes from the npm registry (`npm pack node-<platform>-<arch>@<major>`, the
// official binaries), unpacked once into a cache outside the repository.
//
// Each major gets a copy of the tree and a fresh `npm ci` of its own, with
// npm_config_nodedir pointing at that Node's headers: native addons
// (better-sqlite3) are then built for it, and the repository's node_modules,
// built for the machine's Node, is never touched.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Where unpacked Node releases are kept between runs (TASKGATE_NODE_CACHE overrides). */
export const NODE_CACHE =
  process.env.TASKGATE_NODE_CACHE || join(homedir(), ".cache", "taskgate", "node");

function step(command, args, options) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  }
  return result;
}

/** The unpacked Node `major` (its bin/node and include/node), downloaded on first use. */
export function nodeRelease(major) {
  const dir = join(NODE_CACHE, `v${major}`);
  if (existsSync(join(dir, "bin", "node"))) return dir;
  mkdirSync(NODE_CACHE, { recursive: true });
  const scratch = mkdtempSync(join(NODE_CACHE, `download-${major}-`));
  try {
    const name = `node-${process.platform}-${process.arch}@${major}`;
    console.log(`[node ${major}] fetching ${name} from the npm registry`);
    const packed = spawnSync("npm", ["pack", name, "--silent"], {
      cwd: scratch,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const tarball = packed.stdout?.trim().split("\n").pop();
    if (packed.status !== 0 || !tarball) throw new Error(`npm pack ${name} failed`);
    step("tar", ["-xzf", tarball], { cwd: scratch });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(scratch, "package"), dir);
    return dir;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// Never copied: installs, builds, results and local data are made per tree.
const LOCAL = new Set([
  "node_modules",
  ".git",
  ".next",
  "dist",
  "data",
  "test-results",
  "playwright-report",
  "coverage",
]);

/** The source tree (what git would check out, plus files not yet committed) in `target`. */
function copyTree(root, target) {
  const listed = spawnSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (listed.status === 0) {
    for (const file of listed.stdout.split("\0").filter(Boolean)) {
      const from = join(root, file);
      if (!existsSync(from)) continue; // deleted, not yet committed
      mkdirSync(dirname(join(target, file)), { recursive: true });
      cpSync(from, join(target, file));
    }
    return;
  }
  // Not a git checkout (an unpacked archive): everything but the local directories.
  for (const entry of readdirSync(root)) {
    if (LOCAL.has(entry)) continue;
    cpSync(join(root, entry), join(target, entry), {
      recursive: true,
      filter: (path) => !path.split("/").some((part) => LOCAL.has(part)),
    });
  }
}

/** The environment a command sees when `nodeDir`'s Node comes first, free of the outer npm's settings. */
function environmentFor(nodeDir) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("npm_") && key !== "INIT_CWD"),
  );
  return {
    ...env,
    PATH: `${join(nodeDir, "bin")}:${process.env.PATH ?? ""}`,
    npm_config_nodedir: nodeDir,
  };
}

/**
 * Installs the tree afresh on Node `major` and runs Vitest there, writing its
 * JSON report to `report`. Returns Vitest's exit status (1 when a step before
 * it failed, with the reason printed).
 */
export function vitestOnNode(major, { root, report, vitestArgs = [] }) {
  const tree = mkdtempSync(join(tmpdir(), `taskgate-node${major}-`));
  try {
    const nodeDir = nodeRelease(major);
    const env = environmentFor(nodeDir);
    const options = { cwd: tree, env };
    const version = spawnSync("node", ["--version"], { ...options, encoding: "utf8" });
    if (!version.stdout?.startsWith(`v${major}.`)) {
      throw new Error(`expected Node ${major} first on PATH, got ${version.stdout || "nothing"}`);
    }
    console.log(`[node ${major}] ${version.stdout.trim()}: npm ci in ${tree}`);
    copyTree(root, tree);
    step("npm", ["ci", "--no-audit", "--no-fund"], options);
    // The api's build, as CI's main run has it by then (bench:quick): the
    // durability tests start dist/main.js when it exists, else the sources
    // through tsx, which is much slower to start.
    step("npm", ["run", "build", "-w", "@taskgate/api"], options);
    const vitest = spawnSync(
      join(tree, "node_modules", ".bin", "vitest"),
      [
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...vitestArgs,
      ],
      { ...options, stdio: "inherit" },
    );
    return vitest.status ?? 1;
  } catch (error) {
    console.error(`[node ${major}] ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    if (!process.env.TASKGATE_KEEP_NODE_TREE) rmSync(tree, { recursive: true, force: true });
  }
}
