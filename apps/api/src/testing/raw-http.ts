import net from "node:net";
import type { FastifyInstance } from "fastify";

// Requests written byte by byte to a real socket: what app.inject() cannot
// send (duplicate headers as the client wrote them, chunked bodies, headers
// larger than Node's parser accepts).

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The app on 127.0.0.1 at an ephemeral port. */
export async function listenLocal(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function parse(text: string): RawResponse | null {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  if (!Number.isInteger(status)) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: text.slice(end + 4) };
}

/**
 * Writes `head` (request line and headers, without the blank line) and the
 * body parts, then reads until the server closes. A connection the server
 * resets before answering resolves to `{ reset: code }`.
 */
export function rawRequest(
  port: number,
  head: string,
  bodyParts: readonly string[] = [],
): Promise<RawResponse | { reset: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const settle = (code: string) => {
      resolve(parse(Buffer.concat(chunks).toString("utf8")) ?? { reset: code });
    };
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => settle(error.code ?? "error"));
    socket.on("close", () => settle("closed"));
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
    for (const part of bodyParts) {
      if (socket.destroyed) break;
      socket.write(part);
    }
  });
}

/** One chunk of a Transfer-Encoding: chunked body, or the last one for "". */
export const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
