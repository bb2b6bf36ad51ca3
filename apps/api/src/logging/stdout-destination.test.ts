import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { LOG_BUFFER_CHARS } from "./stdout-destination.js";

// A real process writes through the destination to its real stdout: what
// reaches the pipe, and when, is the behaviour (decision 054).
const moduleUrl = new URL("./stdout-destination.ts", import.meta.url).href;

function runWith(body: string) {
  const script = `const { createStdoutDestination } = await import(${JSON.stringify(moduleUrl)});
const destination = createStdoutDestination();
const line = (i, pad = "") => destination.write(JSON.stringify({ i, pad }) + "\\n");
${body}`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
}

const lines = (stdout: string) => stdout.split("\n").filter(Boolean);

// Each test starts node with tsx: slow on a busy machine, so a generous bound.
describe("the api's stdout destination", { timeout: 60_000 }, () => {
  it("writes every waiting line when the process exits", () => {
    const result = runWith("for (let i = 0; i < 3; i++) line(i);\nprocess.exit(3);");
    expect(result.status).toBe(3);
    expect(lines(result.stdout).map((l) => JSON.parse(l).i)).toEqual([0, 1, 2]);
  });

  it("writes every waiting line when an uncaught exception ends the process", () => {
    const result = runWith('line(0);\nline(1);\nthrow new Error("boom");');
    expect(result.status).not.toBe(0);
    expect(lines(result.stdout)).toHaveLength(2);
  });

  it("writes as soon as a batch is full, so only the unfilled rest waits for a SIGKILL", () => {
    // Lines of about 1 KiB: one full batch is written when it reaches the
    // limit; the lines after it, one fewer than a batch, are lost to a SIGKILL.
    const lineLength = `${JSON.stringify({ i: 0, pad: "x".repeat(1000) })}\n`.length;
    const perBatch = Math.ceil(LOG_BUFFER_CHARS / lineLength);
    const result = runWith(
      `for (let i = 0; i < ${2 * perBatch - 1}; i++) line(i, "x".repeat(1000));\nprocess.kill(process.pid, "SIGKILL");`,
    );
    expect(result.signal).toBe("SIGKILL");
    const written = lines(result.stdout).map((l) => JSON.parse(l).i);
    expect(written).toEqual([...Array(perBatch).keys()]);
  });
});
