import { execFileSync } from "node:child_process";

// Asks the kernel for `count` ports free right now (listen on port 0, note the
// port, close). Synchronous on purpose: Playwright loads its config without
// awaiting anything, so the ports are found in a short child process. The
// sockets stay open until every port is known, so the ports are distinct.
// Between this and the system binding them another program could take one;
// the window is a second or two, and the start-up then fails loudly.
const PROBE = `
const { createServer } = require("node:net");
const count = Number(process.argv[1]);
const servers = [];
const ports = [];
const next = () => {
  if (ports.length === count) {
    for (const server of servers) server.close();
    process.stdout.write(ports.join(" "));
    return;
  }
  const server = createServer();
  servers.push(server);
  server.listen(0, "127.0.0.1", () => {
    ports.push(server.address().port);
    next();
  });
};
next();
`;

export function freePortsSync(count: number): number[] {
  const output = execFileSync(process.execPath, ["-e", PROBE, String(count)], {
    encoding: "utf8",
    timeout: 10_000,
  });
  const ports = output.trim().split(" ").map(Number);
  if (ports.length !== count || ports.some((port) => !Number.isInteger(port) || port <= 0)) {
    throw new Error(`could not find ${count} free ports (got "${output}")`);
  }
  return ports;
}
