// Which container engine builds and runs the images here: docker where its
// daemon answers, else podman where it works, else none (and why).
import { spawnSync } from "node:child_process";

const works = (command) =>
  spawnSync(command, ["info"], { stdio: "ignore", timeout: 30_000 }).status === 0;

/** "docker", "podman", or null. */
export function findEngine() {
  if (process.env.CONTAINER_ENGINE) return process.env.CONTAINER_ENGINE;
  if (works("docker")) return "docker";
  if (works("podman")) return "podman";
  return null;
}

/** Runs an engine command; returns its stdout, throws with its stderr's tail. */
export function engineRun(engine, args, options = {}) {
  const result = spawnSync(engine, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
    stdio: options.inherit ? ["ignore", "inherit", "inherit"] : "pipe",
  });
  if (result.status !== 0) {
    const tail = `${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${engine} ${args.slice(0, 2).join(" ")} failed (${result.status}): ${tail}`);
  }
  return `${result.stdout ?? ""}`.trim();
}

/** Whether the container's own HEALTHCHECK passes right now. */
export function healthy(engine, name) {
  if (engine === "podman") {
    return spawnSync(engine, ["healthcheck", "run", name], { stdio: "ignore" }).status === 0;
  }
  const status = spawnSync(engine, ["inspect", "--format", "{{.State.Health.Status}}", name], {
    encoding: "utf8",
  });
  return status.stdout.trim() === "healthy";
}
