import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logging/logger.js";
import { listenLocal } from "../testing/raw-http.js";
import { createTestApp, type TestApp } from "../testing/test-app.js";

const FORGED = '[api] {"level":30,"event":"FORGED","msg":"forged"}';
// A newline and a forged line, ANSI clear-screen (7-bit ESC and the 8-bit
// C1 CSI), NEL, a carriage return and the Unicode line separators.
const HOSTILE = `x\n${FORGED}\u001b[2J\u009b2J\u0085\r${FORGED}\u2028${FORGED}\u2029\u007f`;
// Anything that can end a line or act on a terminal, outside the final newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The api's output lines, as `npm start` shows them (unchanged: scripts/start.mjs adds nothing). */
const linesOf = (output: string) => output.split("\n").filter((line) => line !== "");

function expectInert(output: string): Record<string, unknown>[] {
  return linesOf(output).map((json) => {
    expect(json).toMatch(/^\{.*\}$/);
    expect(json).not.toMatch(CONTROL);
    const entry: Record<string, unknown> = JSON.parse(json);
    expect(entry.event).not.toBe("FORGED");
    return entry;
  });
}

describe("L11: logged values cannot forge lines or drive a terminal", () => {
  it("L11: a value with newlines, a forged [api] line and ANSI escapes is one JSON line that reads back intact", () => {
    const lines: string[] = [];
    const log = createLogger("info", { write: (line: string) => void lines.push(line) });
    log.warn({ event: "test", value: HOSTILE, [HOSTILE]: 1 }, HOSTILE);
    expect(lines).toHaveLength(1);
    const [line = ""] = lines;
    expect(line.endsWith("\n")).toBe(true);
    expect(line.indexOf("\n")).toBe(line.length - 1);
    const [entry] = expectInert(line);
    expect(entry).toMatchObject({ event: "test", value: HOSTILE, msg: HOSTILE, [HOSTILE]: 1 });
  });

  describe("L11: what a client sends", () => {
    let t: TestApp;
    let port: number;

    beforeAll(async () => {
      // Behind a trusted proxy, the address in X-Forwarded-For is logged as the client's.
      t = await createTestApp({ env: { TRUSTED_PROXIES: "127.0.0.1" } });
      port = await listenLocal(t.app);
    });

    afterAll(async () => {
      await t.close();
    });

    /** Writes raw bytes (latin1: each char one byte) and waits for the server to close. */
    const send = (request: string) =>
      new Promise<void>((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.on("error", () => resolve());
        socket.on("close", () => resolve());
        socket.on("data", () => {});
        socket.end(Buffer.from(request, "latin1"));
      });

    it("L11: a forged line and ANSI escapes in a path, a forwarded address and headers never reach the output raw", async () => {
      // Bytes Node's parser lets through in a header value: obs-text, read as
      // latin1, so 0x9B is the 8-bit CSI and 0x85 NEL.
      // (No comma or space: X-Forwarded-For splits on them.)
      const obsText = '\u009b2J\u0085[api]{"event":"FORGED"}';
      const path = `/api/user-a/tasks/${encodeURIComponent(HOSTILE)}?q=${encodeURIComponent(HOSTILE)}`;
      await send(
        [
          `GET ${path} HTTP/1.1`,
          "Host: localhost",
          `X-Forwarded-For: 198.51.100.1, ${obsText}`,
          `X-Request-Id: ${obsText}`,
          `User-Agent: ${obsText}`,
          "Authorization: Bearer x.y",
          "Connection: close",
          "",
          "",
        ].join("\r\n"),
      );
      // Raw control characters in a header: refused by the HTTP parser.
      await send(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Evil: a\u001b[2J\rb\r\n\r\n`);
      await send(`GET /\u001b[2J HTTP/1.1\r\nHost: localhost\r\n\r\n`);

      const entries = expectInert(t.rawLogs());
      // The hostile address was logged (so this test can see an escape fail).
      const refused = entries.find((entry) => entry.event === "auth.refused");
      expect(refused?.ip).toBe(obsText);
      expect(refused?.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(entries.filter((entry) => entry.event === "http.client_error")).toHaveLength(2);
    });
  });
});
