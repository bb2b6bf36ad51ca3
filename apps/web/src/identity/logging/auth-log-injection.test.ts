import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createWebLogger } from "../../server/logger.server";
import { call, signUp } from "../testing/auth-http";
import { captureStdout } from "../testing/log-capture";
import { sharedTestAuth } from "../testing/shared-test-auth";
import { betterAuthLogger } from "./auth-logger.server";

const FORGED = '\n[api] {"event":"FORGED"}';
const CLEAR_SCREEN = "\u001b[2J\u001b[H";

/** A pino logger writing into an array of lines. */
function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createWebLogger("debug", destination), lines };
}

describe("L20: log injection: every web log line is one JSON object", () => {
  const t = sharedTestAuth("sqlite", { env: { AUTH_RATE_LIMIT_MAX: "10000" } });

  it("L20: a sign-in whose callbackURL holds a forged line and an ANSI sequence writes neither", async () => {
    await signUp(t, "l20@example.com");
    const output = captureStdout();
    let response: Response;
    try {
      response = await call(t, "/sign-in/email", {
        body: {
          email: "l20@example.com",
          password: "not the password",
          callbackURL: `https://evil.example/${FORGED}${CLEAR_SCREEN}`,
        },
        headers: { origin: t.baseUrl },
      });
    } finally {
      output.restore();
    }
    expect(response.status).toBe(403);
    const text = output.text();
    // Better Auth did log the refusal, through pino...
    const lines = output.lines();
    const refusal = lines.find((line) => String(line.msg).includes("Invalid callbackURL"));
    expect(refusal).toMatchObject({ service: "web", source: "better-auth", event: "auth.log" });
    expect(String(refusal?.msg)).toContain(FORGED);
    // ...as escaped JSON: no line of its own, no raw escape or control character.
    for (const line of text.split("\n").filter(Boolean)) {
      expect(line.startsWith("{")).toBe(true);
      expect(line).not.toContain("[api]".concat(' {"event":"FORGED"}\n'));
    }
    expect(text).not.toMatch(/^\[api\]/m);
    expect(text).not.toContain("\u001b");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
    expect(text.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it("L20: Better Auth's messages and arguments are redacted (tokens, cookies, passwords, secrets)", () => {
    const { logger, lines } = memoryLogger();
    const log = betterAuthLogger(logger, "debug").log;
    if (!log) throw new Error("no log function");
    log(
      "error",
      "failed for Bearer abc.def.ghi with cookie better-auth.session_token=s3cr3t.sig; password=hunter22",
      { token: "tok-123", nested: { password: "pw-456" }, jwt: "eyJhbGciOi.eyJzdWIi.c2ln" },
      new Error("secret=xyz789 leaked"),
    );
    expect(lines).toHaveLength(1);
    const [line = ""] = lines;
    for (const secret of [
      "abc.def.ghi",
      "s3cr3t",
      "hunter22",
      "tok-123",
      "pw-456",
      "eyJhbGciOi",
      "xyz789",
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ level: 50, event: "auth.log", source: "better-auth" });
  });
});
