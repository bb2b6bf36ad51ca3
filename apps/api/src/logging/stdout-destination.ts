import { type DestinationStream, pino } from "pino";

/** Lines are written once this many characters wait (about 14 request lines)... */
export const LOG_BUFFER_CHARS = 4096;
/** ...or after this long, so a quiet api's lines still appear promptly. */
export const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * stdout for the per-request info line (decision 054). pino's default writes
 * each line (or burst) asynchronously through libuv's thread pool, and its
 * own minLength buffering measures the whole buffer again on every line;
 * measured in isolation, either made the write most of a line's cost. Here
 * lines wait in an array and go out in one synchronous write of about 4 KiB
 * (sonic-boom, which retries a full pipe), so the write costs almost
 * nothing per line. What waits is written when the process exits (a clean
 * stop, process.exit after a fatal line, an uncaught exception); only a
 * SIGKILL or a crash of the runtime itself loses up to
 * LOG_FLUSH_INTERVAL_MS of lines.
 */
export function createStdoutDestination(): DestinationStream & { flush(cb?: () => void): void } {
  const stdout = pino.destination({ dest: 1, sync: true });
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    const text = pending.join("");
    pending = [];
    size = 0;
    stdout.write(text);
  };
  setInterval(flush, LOG_FLUSH_INTERVAL_MS).unref();
  process.on("exit", () => {
    try {
      flush();
    } catch {
      // stdout is gone (a closed pipe): nowhere left to write to.
    }
  });
  return {
    write(line: string) {
      pending.push(line);
      size += line.length;
      if (size >= LOG_BUFFER_CHARS) flush();
    },
    // pino's logger.flush(): write what waits now.
    flush(cb?: () => void) {
      flush();
      cb?.();
    },
  };
}
