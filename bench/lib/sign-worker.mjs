// Signs a share of the flood's tokens in a worker thread: 100,000 RS256
// signatures take about 100 s on one core here, so both cores share the work
// while nothing else runs.
import { createPrivateKey } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { signToken } from "./tokens.mjs";

const { kid, privatePem, from, to } = workerData;
// Parse the PEM once, not per signature.
const key = { kid, privateKey: createPrivateKey(privatePem) };
const tokens = [];
for (let i = from; i < to; i += 1) {
  // Distinct user and session per token: every one is new to the api.
  tokens.push(signToken(key, `flood-user-${i}`, `flood-session-${i}`));
}
parentPort.postMessage(tokens);
