// Every line the web process writes is one JSON object (issue 13, L20): the
// app logs through pino already, but Next's start-up lines and Better Auth's
// internal logger (which ignores its `logger` option for some messages) write
// plain, coloured text with console.*. This turns any such line into a JSON
// line with the text as `msg`, ANSI sequences and control characters removed,
// so nothing on stdout or stderr can pass for another service's line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-9;?]*[ -/]*[@-~]/g;
// C0 (but tab), DEL and C1 controls, and the Unicode line separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A plain text line as the JSON line pino would have written at `level`. */
export function jsonLine(text, level) {
  const msg = text.replace(ANSI, "").replace(CONTROL, " ").trim();
  return `${JSON.stringify({ level, time: new Date().toISOString(), service: "web", source: "console", msg })}\n`;
}

/** Lines that are already one JSON object pass through untouched. */
function rewrite(chunk, level) {
  const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) =>
      line.startsWith("{") && line.endsWith("}") ? `${line}\n` : jsonLine(line, level),
    )
    .join("");
}

/** Wraps process.stdout (info) and process.stderr (error) writes. */
export function consoleAsJson() {
  for (const [stream, level] of [
    [process.stdout, 30],
    [process.stderr, 50],
  ]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, encoding, callback) => {
      const done = typeof encoding === "function" ? encoding : callback;
      const out = rewrite(chunk, level);
      if (out === "") {
        done?.();
        return true;
      }
      return write(out, done);
    };
  }
}
