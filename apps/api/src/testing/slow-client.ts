import net from "node:net";

export interface SlowOutcome {
  /** Milliseconds from connect until the server closed the connection. */
  closedAfterMs: number;
  /** Everything the server wrote. */
  response: string;
  /** Bytes the client had written when the server closed. */
  sent: number;
}

/**
 * A slow-loris client: connects to 127.0.0.1:port, writes `head` (may be
 * empty), then `trickle` one character every `everyMs`, and keeps going until
 * the server closes the connection or `giveUpMs` passes (then rejects).
 */
export function trickle(
  port: number,
  head: string,
  trickleText: string,
  everyMs: number,
  giveUpMs: number,
): Promise<SlowOutcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`the server kept a trickling connection open for ${giveUpMs} ms`));
    }, giveUpMs);
    const finish = () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({
        closedAfterMs: Date.now() - started,
        response: Buffer.concat(chunks).toString("utf8"),
        sent,
      });
    };
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", finish);
    socket.on("connect", () => {
      if (head) socket.write(head);
      sent += head.length;
      let next = 0;
      timer = setInterval(() => {
        if (socket.destroyed) return;
        socket.write(trickleText[next % trickleText.length] ?? "x");
        next += 1;
        sent += 1;
      }, everyMs);
    });
  });
}
