import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium } from "@playwright/test";

// The Chromium the suite drives, found the way a developer's machine usually
// has one: CHROMIUM_PATH, then the system's Chromium or Chrome, then the
// browser `npx playwright install chromium` downloaded. The suite never
// downloads one itself.

const SYSTEM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];
const COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  return dirs.map((dir) => join(dir, command)).find(executable);
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return executable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The browser's executable, or why there is none. */
function findChromium(): { path: string } | { problem: string } {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    return executable(given)
      ? { path: given }
      : { problem: `CHROMIUM_PATH=${given} is not an executable file.` };
  }
  const found =
    SYSTEM_PATHS.find(executable) ??
    COMMANDS.map(onPath).find((path) => path !== undefined) ??
    playwrightChromium();
  return found
    ? { path: found }
    : { problem: "The end-to-end suite needs Chromium or Chrome and found none." };
}

/**
 * The browser's executable. Without one the run stops before building or
 * starting anything, with one message (no stack trace) that says how to get one.
 */
export function chromiumOrExit(): string {
  const found = findChromium();
  if ("path" in found) return found.path;
  console.error(
    `${found.problem} Install your system's chromium package (Debian: apt-get install ` +
      "chromium), set CHROMIUM_PATH to a Chromium or Chrome executable, or, where downloads " +
      "are allowed, run `npx playwright install chromium`.",
  );
  process.exit(1);
}
