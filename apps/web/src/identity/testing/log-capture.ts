import { vi } from "vitest";

/**
 * Captures what the process writes to stdout (where the web logger writes)
 * until `restore()`: `text()` is the raw output, `lines()` each line parsed
 * as JSON (a line that is not JSON throws: every log line must be one object).
 */
export function captureStdout() {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  });
  const text = () => chunks.join("");
  return {
    text,
    lines: (): Record<string, unknown>[] =>
      text()
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}
