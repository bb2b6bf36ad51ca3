// Unloaded latency with microsecond resolution: one keep-alive connection,
// one request at a time, for a fixed duration. autocannon records whole
// milliseconds, too coarse to compare a 100-task list with a 100,000-task one.
// Child process (pinned to the load core); prints one JSON line.
// argv: url method headersJson body|"" seconds [expectedStatus]
// (without expectedStatus, any 2xx is a success; with it, e.g. 304, only that)
import http from "node:http";

const [url, method, headersJson, body, seconds, expectArg] = process.argv.slice(2);
const expected = expectArg ? Number(expectArg) : null;
const failed = (status) => (expected ? status !== expected : status < 200 || status > 299);
const headers = JSON.parse(headersJson);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const samples = [];
let non2xx = 0;

function once() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(url, { method, headers, agent }, (response) => {
      response.resume();
      response.on("end", () => {
        samples.push(Number(process.hrtime.bigint() - started) / 1000);
        if (failed(response.statusCode)) non2xx += 1;
        resolve();
      });
    });
    request.setTimeout(5000, () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body || undefined);
  });
}

const deadline = Date.now() + Number(seconds) * 1000;
let errors = 0;
// Bounded: time, and at most 200,000 requests.
while (Date.now() < deadline && samples.length + errors < 200_000) {
  await once().catch(() => {
    errors += 1;
  });
}
agent.destroy();
samples.sort((a, b) => a - b);
const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({ count: samples.length, p50_us: at(0.5), p99_us: at(0.99), non2xx, errors })}\n`,
);
