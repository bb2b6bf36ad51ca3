import { describe, expect, it } from "vitest";
import { PASSWORD, signIn, signUp, type TestAuth } from "../testing/auth-http";
import { sharedTestAuth } from "../testing/shared-test-auth";
import { AUTH_BODY_LIMIT_BYTES, limitBody } from "./auth-body-limit.server";
import { handleAuthRequest } from "./auth-handler.server";

const TWENTY_MB = 20 * 1024 * 1024;

// Node's fetch needs `duplex: "half"` for a streamed body; the DOM typings
// this workspace compiles against do not know the field yet.
type StreamingInit = RequestInit & { duplex?: "half" };
const streaming = (init: StreamingInit): RequestInit => init;

/** A valid sign-in padded to `size` bytes with whitespace JSON ignores. */
function paddedSignIn(email: string, size: number): Uint8Array<ArrayBuffer> {
  const json = JSON.stringify({ email, password: PASSWORD });
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode(json));
  return bytes;
}

/** The same bytes as a stream of 64 KiB chunks, counting how many were pulled. */
function chunked(bytes: Uint8Array<ArrayBuffer>) {
  const state = { pulled: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      const chunk = bytes.subarray(offset, offset + 64 * 1024);
      offset += chunk.byteLength;
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

function post(t: TestAuth, body: BodyInit, headers: Record<string, string> = {}) {
  return handleAuthRequest(
    t.auth,
    new Request(
      `${t.baseUrl}/api/auth/sign-in/email`,
      streaming({
        method: "POST",
        headers: { "content-type": "application/json", origin: t.baseUrl, ...headers },
        body,
        duplex: "half",
      }),
    ),
  );
}

describe("C21: the auth routes refuse bodies over 16 KiB with 413 before parsing", () => {
  const t = sharedTestAuth("sqlite", { env: { AUTH_RATE_LIMIT_MAX: "10000" } });

  it("C21: a 20 MB sign-in body with its Content-Length gets 413 problem JSON and no session", async () => {
    await signUp(t, "c21-length@example.com");
    const response = await post(t, paddedSignIn("c21-length@example.com", TWENTY_MB), {
      "content-length": String(TWENTY_MB),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("C21: a 20 MB chunked sign-in body is refused once it passes the limit, unread beyond it", async () => {
    await signUp(t, "c21-chunked@example.com");
    const { stream, state } = chunked(paddedSignIn("c21-chunked@example.com", TWENTY_MB));
    const response = await post(t, stream);
    expect(response.status).toBe(413);
    expect(response.headers.get("set-cookie")).toBeNull();
    // Reading stopped at the first chunk past the limit (plus the stream's read-ahead).
    expect(state.pulled).toBeLessThan(4 * 64 * 1024);
  });

  it("C21: a body of exactly the limit still reaches Better Auth and signs in", async () => {
    await signUp(t, "c21-edge@example.com");
    const response = await post(t, paddedSignIn("c21-edge@example.com", AUTH_BODY_LIMIT_BYTES));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toContain("session_token");
    expect((await signIn(t, "c21-edge@example.com")).status).toBe(200);
  });

  it("C21: one byte over the limit is refused, streamed or declared", async () => {
    const over = paddedSignIn("c21-over@example.com", AUTH_BODY_LIMIT_BYTES + 1);
    const declared = await limitBody(
      new Request("http://web.test/", { method: "POST", body: over }),
      AUTH_BODY_LIMIT_BYTES,
    );
    expect(declared).toBeInstanceOf(Response);
    const streamed = await limitBody(
      new Request(
        "http://web.test/",
        streaming({ method: "POST", body: chunked(over).stream, duplex: "half" }),
      ),
      AUTH_BODY_LIMIT_BYTES,
    );
    if (!(streamed instanceof Response)) throw new Error("the streamed body was accepted");
    expect(streamed.status).toBe(413);
  });
});
