// Signs a share of a DPoP load run's proofs in a worker thread (dpop-proofs.mjs).
import { createPrivateKey } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { signProofs } from "./dpop-proofs.mjs";

const { key, request } = workerData;
parentPort.postMessage(signProofs(key, createPrivateKey(key.privatePem), request));
