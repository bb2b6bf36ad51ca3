import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The wrapper over Better Auth's own client: what it turns each kind of answer
// into. Better Auth's client runs for real, over HTTP to a local server that
// answers as the auth handler does (the real handler is covered end to end).

let server: Server;
let origin: string;
const answers = new Map<string, { status: number; body: unknown }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers.get(new URL(req.url ?? "/", "http://x").pathname) ?? {
      status: 404,
      body: { code: "NOT_FOUND", message: "Not found" },
    };
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubGlobal("window", { location: { origin } });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise((resolve) => server.close(resolve));
});

describe("authClient (Better Auth's client, loaded on first use)", () => {
  it("hands a success's body back", async () => {
    answers.set("/api/auth/sign-in/email", { status: 200, body: { token: "t", user: {} } });
    const { authClient } = await import("./auth-client");
    expect(await authClient.signIn.email({ email: "ada@example.com", password: "pw" })).toEqual({
      ok: true,
      data: { token: "t", user: {} },
    });
  });

  it("turns Better Auth's error body into status, code and message", async () => {
    answers.set("/api/auth/change-password", {
      status: 400,
      body: { code: "INVALID_PASSWORD", message: "Invalid password" },
    });
    const { authClient } = await import("./auth-client");
    const result = await authClient.changePassword({
      currentPassword: "wrong",
      newPassword: "a new passphrase",
      revokeOtherSessions: true,
    });
    expect(result).toEqual({
      ok: false,
      error: { status: 400, code: "INVALID_PASSWORD", message: "Invalid password" },
    });
  });

  it("never rejects: no answer at all is status 0", async () => {
    const { authClient } = await import("./auth-client");
    await new Promise((resolve) => server.close(resolve));
    const result = await authClient.signOut();
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ status: 0 }) });
    await new Promise<void>((resolve) =>
      server.listen(Number(new URL(origin).port), "127.0.0.1", resolve),
    );
  });
});
