// What the shipped mode wrote to its log: proof that the info line was really
// paid for (one JSON line per request, with the contract's fields), read
// after the measurements so reading costs them nothing.
import { createReadStream, statSync } from "node:fs";

const REQUIRED = ["request_id", "method", "route", "status", "duration_ms"];

/** Lines, request lines (event http.request), bytes, and whether a request line had every field. */
export async function readLogSummary(file) {
  let lines = 0;
  let requestLines = 0;
  let sample = null;
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
    const text = rest + chunk;
    const parts = text.split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) {
      lines += 1;
      if (!line.includes('"event":"http.request"')) continue;
      requestLines += 1;
      if (sample === null && line.includes('"route":"/api/protected"')) sample = line;
    }
  }
  let fields = null;
  if (sample !== null) {
    const parsed = JSON.parse(sample);
    fields = {
      missing: [...REQUIRED, "user_id"].filter((key) => !(key in parsed)),
      bytes: Buffer.byteLength(sample),
    };
  }
  return { lines, requestLines, bytes: statSync(file).size, protectedLine: fields };
}
