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
    installLingeringClose(server, { lingerMs: 200 });
    servers.push(server);
    const serverSideClosed = new Promise<number>((resolve) =>
      server.on("connection", (socket) => socket.on("close", () => resolve(Date.now()))),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    // allowHalfOpen: the client never ends its side, so only the server's timer can close.
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    socket.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\nabc");
    socket.resume();
    const answered = await new Promise<number>((resolve) =>
      socket.on("end", () => resolve(Date.now())),
    );
    const lingered = (await serverSideClosed) - answered;
    socket.destroy();
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
    installLingeringClose(server, { lingerMs: 10_000 });
    servers.push(server);
    const serverSideClosed = new Promise<number>((resolve) =>
      server.on("connection", (socket) => socket.on("close", () => resolve(Date.now()))),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    socket.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc");
    socket.resume();
    const answered = await new Promise<number>((resolve) =>
      socket.on("end", () => resolve(Date.now())),
    );
    const closedAfter = (await serverSideClosed) - answered;
    socket.destroy();
    expect(closedAfter).toBeLessThan(2_000);
  });
});
