// Test helper: the client that lingering close exists for.
import { connect } from "node:net";

/**
 * Declares a 20 MB JSON body to 127.0.0.1:port `path`, keeps sending it, and
 * reads nothing for its first `readAfterMs` (a busy client): resolves with
 * everything it has read when the answer is complete or the connection ends.
 * @param {number} port
 * @param {{ path?: string, headers?: Record<string, string>, readAfterMs?: number }} [options]
 * @returns {Promise<string>}
 */
export function slowReadingUpload(port, { path = "/", headers = {}, readAfterMs = 300 } = {}) {
  const total = 20 * 1024 * 1024;
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(received);
    };
    socket.on("data", (data) => {
      received += data.toString("latin1");
      const headEnd = received.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *(\d+)/i.exec(received);
      if (headEnd >= 0 && length && received.length >= headEnd + 4 + Number(length[1])) settle();
    });
    socket.on("error", settle);
    socket.on("close", settle);
    const head = Object.entries({
      Host: `127.0.0.1:${port}`,
      "Content-Type": "application/json",
      "Content-Length": String(total),
      ...headers,
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      if (settled || socket.destroyed || sent >= total) return;
      sent += chunk.byteLength;
      if (socket.write(chunk)) setImmediate(pump);
      else socket.once("drain", pump);
    };
    pump();
    socket.pause();
    setTimeout(() => socket.resume(), readAfterMs);
  });
}
