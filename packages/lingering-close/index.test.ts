import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installLingeringClose } from "./index.mjs";
import { slowReadingUpload } from "./testing.mjs";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that answers 413 and closes without reading the body, as the auth routes do. */
async function earlyAnswerServer(lingering: boolean, lingerMs?: number): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(413, { "content-type": "application/problem+json", connection: "close" });
    res.end('{"code":"PAYLOAD_TOO_LARGE"}');
  });
  if (lingering) installLingeringClose(server, { lingerMs });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("lingering close: an early answer reaches a client that is still sending", () => {
  it("C21: every one of five slow-reading uploads receives the whole 413", async () => {
    const port = await earlyAnswerServer(true);
    for (let i = 0; i < 5; i++) {
      const received = await slowReadingUpload(port);
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received).toContain("PAYLOAD_TOO_LARGE");
    }
  });

  it("C21: without it, the server's reset destroys the answer before the client reads it (the failure this prevents)", async () => {
    const port = await earlyAnswerServer(false);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await slowReadingUpload(port));
    expect(outcomes.some((received) => !received.includes("PAYLOAD_TOO_LARGE"))).toBe(true);
  });

  it("a client that never closes is cut off after the linger time", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(413, { connection: "close" });
      res.end();
    });
    // Content-Length 1000 with 3 bytes sent: the request is never read in full.
    const lingered = await msFromAnswerToServerClose(server, 200, "1000");
    expect(lingered).toBeGreaterThanOrEqual(150);
    expect(lingered).toBeLessThan(5_000);
  });

  it("a connection whose request was read in full closes at once, as before", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { connection: "close" });
        res.end("ok");
      });
    });
    expect(await msFromAnswerToServerClose(server, 10_000, "3")).toBeLessThan(2_000);
  });
});

/**
 * Sends `POST /` declaring `contentLength` with a 3-byte body, from a client
 * that never ends its side (allowHalfOpen: only the server can close), and
 * measures from the answer's end to the server's close of its socket.
 */
async function msFromAnswerToServerClose(
  server: Server,
  lingerMs: number,
  contentLength: string,
): Promise<number> {
  installLingeringClose(server, { lingerMs });
  servers.push(server);
  const serverSideClosed = new Promise<number>((resolve) =>
    server.on("connection", (socket) => socket.on("close", () => resolve(Date.now()))),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
  socket.write(`POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${contentLength}\r\n\r\nabc`);
  socket.resume();
  const answered = await new Promise<number>((resolve) =>
    socket.on("end", () => resolve(Date.now())),
  );
  const elapsed = (await serverSideClosed) - answered;
  socket.destroy();
  return elapsed;
}
