// What a result is worth without: the commit, the date, Node's version, the
// CPU model, and the resident memory of a process (from /proc, Linux only).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

export function systemInfo(root) {
  let commit = "unknown";
  let dirty = false;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
    dirty =
      execFileSync("git", ["status", "--porcelain"], { cwd: root }).toString().trim().length > 0;
  } catch {
    // Not a git checkout.
  }
  let cpu = "unknown";
  if (existsSync("/proc/cpuinfo")) {
    const match = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m);
    if (match) cpu = match[1].trim();
  }
  let cores = 0;
  try {
    cores = execFileSync("nproc").toString().trim() | 0;
  } catch {
    // No nproc.
  }
  return { commit, dirty, date: new Date().toISOString(), node: process.version, cpu, cores };
}

/** VmRSS of a process in MiB, or null where /proc is missing. */
export function rssMiB(pid) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB$/m);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
