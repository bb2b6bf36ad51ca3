// The client of the DPoP-beside-Bearer comparison: `connections` keep-alive
// lanes, each sending its next request as soon as the last one is answered,
// until `count` requests or `maxSeconds`. With a proofs file every request
// carries the next proof (each used once, as the api requires); without one
// ("-") every request is the same. One client for both, so the two figures
// differ by what the api does, not by the tool. Child process (pinned to the
// load core); prints one JSON line.
// argv: url method authorization proofsFile|"-" count connections maxSeconds
import { readFileSync } from "node:fs";
import http from "node:http";

const [url, method, authorization, file, countArg, connectionsArg, maxSecondsArg] =
  process.argv.slice(2);
const proofs = file === "-" ? null : readFileSync(file, "utf8").split("\n").filter(Boolean);
const count = proofs ? proofs.length : Number(countArg);
const connections = Number(connectionsArg);
const deadline = Date.now() + Number(maxSecondsArg) * 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const samples = [];
let non2xx = 0;
let errors = 0;
let next = 0;

function send(index) {
  const headers = { authorization };
  if (proofs) headers.dpop = proofs[index];
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.request(url, { method, agent, headers }, (response) => {
      response.resume();
      response.on("end", () => {
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (response.statusCode < 200 || response.statusCode > 299) non2xx += 1;
        resolve();
      });
    });
    request.setTimeout(5000, () => request.destroy(new Error("timeout")));
    request.on("error", () => {
      errors += 1;
      resolve();
    });
    request.end();
  });
}

async function lane() {
  while (next < count && Date.now() < deadline) {
    const index = next;
    next += 1;
    await send(index);
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: connections }, lane));
const seconds = (Date.now() - started) / 1000;
agent.destroy();
samples.sort((a, b) => a - b);
const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({ rps: samples.length / seconds, p50: at(0.5), p99: at(0.99), requests: samples.length, non2xx, errors, seconds, exhausted: next >= count })}\n`,
);
