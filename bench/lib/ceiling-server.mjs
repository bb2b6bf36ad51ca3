// The ceiling: the fastest answer Node gives on this machine, a raw node:http
// server returning {"ok":true}. Every api figure is quoted as a share of it.
// Started as a child (pinned to the server core, like the api) by run.mjs.
import { createServer } from "node:http";

const port = Number(process.argv[2]);
const body = JSON.stringify({ ok: true });
const server = createServer((_req, res) => {
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
