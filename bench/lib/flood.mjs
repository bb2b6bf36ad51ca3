// The token flood: every token in a file (one per line) sent once to
// GET /api/protected, 50 at a time, each a distinct valid token, so a cache
// of verified tokens meets 100,000 entries it has never seen. Child process
// (pinned to the load core); prints one JSON line. Bounded by the file's
// length and by a time limit.
// argv: url tokensFile concurrency maxSeconds
import { readFileSync } from "node:fs";
import http from "node:http";

const [url, file, concurrencyArg, maxSecondsArg] = process.argv.slice(2);
const tokens = readFileSync(file, "utf8").split("\n").filter(Boolean);
const concurrency = Number(concurrencyArg);
const deadline = Date.now() + Number(maxSecondsArg) * 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = {};
let errors = 0;
let next = 0;

function send(token) {
  return new Promise((resolve) => {
    const request = http.get(
      url,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        response.resume();
        response.on("end", () => {
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          resolve();
        });
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error("timeout")));
    request.on("error", () => {
      errors += 1;
      resolve();
    });
  });
}

async function lane() {
  while (next < tokens.length && Date.now() < deadline) {
    const token = tokens[next];
    next += 1;
    await send(token);
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: concurrency }, lane));
agent.destroy();
const seconds = (Date.now() - started) / 1000;
const ok = Object.entries(statuses)
  .filter(([code]) => code.startsWith("2"))
  .reduce((sum, [, n]) => sum + n, 0);
const sent = next;
process.stdout.write(
  `${JSON.stringify({ sent, ok, non2xx: sent - ok - errors, errors, statuses, seconds, timedOut: sent < tokens.length })}\n`,
);
