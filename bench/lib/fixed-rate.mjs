// Latency at a fixed request rate, open loop: request i is due at
// t0 + i / rate whatever happened to the earlier ones, and its latency runs
// from the moment it is due (as close as the event loop allows), so waiting
// for a busy connection counts: queueing is not hidden. Microsecond
// resolution. Written here because autocannon's fixed-rate mode records whole
// milliseconds and corrects for coordinated omission with a 1 ms interval
// whatever the rate (inflating p50/p99 several times over), and wrk2 is not
// packaged. Raw sockets with the request bytes built once: node:http's client
// costs several times more per request and could not keep up with the rates
// a Node server reaches. Responses must carry content-length or be chunked.
// Child process (pinned to the load core); prints one JSON line, with
// `keptUp: false` when the client itself could not send at the rate asked.
// Bounded: rate × seconds requests, then a 10 s drain at most.
// argv: url method headersJson body|"" rate seconds connections [expectedStatus]
// (without expectedStatus, any 2xx is a success; with it, e.g. 304, only that)
import net from "node:net";

const [url, method, headersJson, body, rateArg, secondsArg, connectionsArg, expectArg] =
  process.argv.slice(2);
const expected = expectArg ? Number(expectArg) : null;
const failed = (status) => (expected ? status !== expected : status < 200 || status > 299);
const target = new URL(url);
const rate = Number(rateArg);
const total = Math.max(1, Math.round(rate * Number(secondsArg)));
const connections = Number(connectionsArg);
const bodyBytes = Buffer.from(body || "");
const headerLines = Object.entries(JSON.parse(headersJson))
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join("");
const requestBytes = Buffer.concat([
  Buffer.from(
    `${method} ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\n${headerLines}` +
      `${bodyBytes.length > 0 || method !== "GET" ? `content-length: ${bodyBytes.length}\r\n` : ""}\r\n`,
  ),
  bodyBytes,
]);

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const latencies = [];
const queue = []; // due times (ms) of requests waiting for a free connection
const idle = [];
let non2xx = 0;
let errors = 0;
let done = 0;
let measuring = false;

const HEADER_END = Buffer.from("\r\n\r\n");
const CHUNKED_END = Buffer.from("\r\n0\r\n\r\n");

/** Length of the first complete response in buf, or -1; sets conn.status. */
function responseLength(conn, buf) {
  const end = buf.indexOf(HEADER_END);
  if (end === -1) return -1;
  const head = buf.toString("latin1", 0, end);
  conn.status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const size = end + 4 + Number(length[1]);
    return buf.length >= size ? size : -1;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const last = buf.indexOf(CHUNKED_END, end);
    return last === -1 ? -1 : last + CHUNKED_END.length;
  }
  return end + 4; // No body (204, 304).
}

function dispatch(conn) {
  if (queue.length === 0) {
    idle.push(conn);
    return;
  }
  conn.due = queue.shift();
  conn.socket.write(requestBytes);
}

function open() {
  return new Promise((resolve, reject) => {
    const conn = { socket: null, buf: Buffer.alloc(0), due: 0, status: 0 };
    conn.socket = net.connect({ host: target.hostname, port: Number(target.port) }, () => {
      conn.socket.setNoDelay(true);
      resolve(conn);
    });
    conn.socket.on("data", (chunk) => {
      conn.buf = conn.buf.length === 0 ? chunk : Buffer.concat([conn.buf, chunk]);
      for (;;) {
        const size = responseLength(conn, conn.buf);
        if (size === -1) return;
        conn.buf = conn.buf.subarray(size);
        if (measuring) {
          latencies.push(now() - conn.due);
          if (failed(conn.status)) non2xx += 1;
          done += 1;
        }
        dispatch(conn);
      }
    });
    conn.socket.on("error", (error) => {
      errors += 1;
      reject(error);
    });
  });
}

const pool = await Promise.all(Array.from({ length: connections }, open));
// One unmeasured request per connection first (connects and the server's
// first-request paths are not part of the measurement).
await new Promise((resolve) => {
  let warm = 0;
  for (const conn of pool) {
    conn.socket.write(requestBytes);
    conn.socket.once("data", () => {
      warm += 1;
      if (warm === pool.length) resolve();
    });
  }
});
await new Promise((resolve) => setTimeout(resolve, 50));
measuring = true;
idle.push(...pool.filter((conn) => !idle.includes(conn)));

let sent = 0;
let maxLagMs = 0;
const t0 = now();
await new Promise((resolve) => {
  // setImmediate yields to I/O between checks; the load core has nothing else to do.
  const tick = () => {
    const at = now();
    const due = Math.min(total, Math.floor(((at - t0) / 1000) * rate) + 1);
    if (due > sent) maxLagMs = Math.max(maxLagMs, at - (t0 + ((sent + 1) * 1000) / rate));
    while (sent < due) {
      sent += 1;
      queue.push(at);
      if (idle.length > 0) dispatch(idle.pop());
    }
    if (sent < total) setImmediate(tick);
    else resolve();
  };
  tick();
});
const sendSeconds = (now() - t0) / 1000;
const drainUntil = Date.now() + 10_000;
while (done < sent && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
for (const conn of pool) conn.socket.destroy();
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
const achieved = sent / sendSeconds;
process.stdout.write(
  `${JSON.stringify({
    sent,
    completed: latencies.length,
    rate,
    rps: achieved,
    p50: q(0.5),
    p99: q(0.99),
    non2xx,
    errors: errors + (sent - done),
    maxLagMs,
    // False when the client fell behind its own schedule (under 95 % of the
    // rate, or a stall over 20 ms): then the figure measures the load
    // generator (or a busy machine) as much as the server.
    keptUp: achieved >= rate * 0.95 && maxLagMs < 20,
  })}\n`,
);
