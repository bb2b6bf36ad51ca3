import type { IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "./client";
import type { DpopKey } from "./dpop";
import { athOf, type CheckedProof, checkProof, fakeBoundJwt } from "./testing/dpop-server";
import { fakeJwt, sendJson, startServer } from "./testing/http-fixture";
import { createTokenProvider, DPOP_PROOF_REFUSED } from "./token-provider";
import { generateDpopKeyPair, webCryptoDpopKey } from "./webcrypto-dpop-key";

type Seen = { authorization: string | undefined; proof: CheckedProof | null; url: string };

let server: Awaited<ReturnType<typeof startServer>>;
let tokenProofs: (CheckedProof | null)[];
let apiCalls: Seen[];
let bindTokens: boolean;
let tokenStatus: number;
let protectedHandler: Parameters<typeof startServer>[0];
let key: DpopKey;

const seen = async (req: IncomingMessage): Promise<Seen> => ({
  authorization: req.headers.authorization,
  proof: await checkProof(req),
  url: req.url ?? "",
});

beforeEach(async () => {
  key = await webCryptoDpopKey(await generateDpopKeyPair());
  tokenProofs = [];
  apiCalls = [];
  bindTokens = true;
  tokenStatus = 200;
  protectedHandler = (_req, res) => sendJson(res, 200, { message: "hi", user_id: "user-1" });
  server = await startServer(async (req, res) => {
    if (req.url === "/api/auth/token") {
      const proof = await checkProof(req);
      tokenProofs.push(proof);
      if (tokenStatus !== 200) return sendJson(res, tokenStatus, { code: "INVALID_DPOP_PROOF" });
      const exp = Math.floor(Date.now() / 1000) + 900;
      const token = proof && bindTokens ? fakeBoundJwt(exp, proof.jkt) : fakeJwt(exp);
      return sendJson(res, 200, { token });
    }
    apiCalls.push(await seen(req));
    protectedHandler(req, res);
  });
});

afterEach(() => server.close());

function client(source: () => Promise<DpopKey | null> = async () => key) {
  const tokenProvider = createTokenProvider({
    tokenUrl: `${server.url}/api/auth/token`,
    dpopKey: source,
  });
  return createApiClient({ baseUrl: `${server.url}/`, tokenProvider, timeoutMs: 5_000 });
}

const tokenIn = (authorization: string | undefined) => authorization?.split(" ")[1] ?? "";

describe("api client with a DPoP key", () => {
  it("B21: asks for its token with a proof of its key, for GET on the token URL", async () => {
    await client().getProtected();
    expect(tokenProofs).toHaveLength(1);
    expect(tokenProofs[0]).toMatchObject({
      htm: "GET",
      htu: `${server.url}/api/auth/token`,
      jkt: key.thumbprint,
    });
    expect(tokenProofs[0]?.ath).toBeUndefined();
  });

  it("B21: sends Authorization: DPoP and a proof whose htm, htu (no query) and ath match the call", async () => {
    const api = client();
    await api.request({
      method: "get",
      path: "/api/protected?status=open",
      schema: null,
      retry: "never",
    });
    const [call] = apiCalls;
    expect(call?.authorization).toMatch(/^DPoP [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(call?.proof).toMatchObject({
      htm: "GET",
      htu: `${server.url}/api/protected`,
      ath: athOf(tokenIn(call?.authorization)),
      jkt: key.thumbprint,
    });
    expect(call?.proof?.nonce).toBeUndefined();
  });

  it("B22: every api call and every retry carries a proof of its own (new jti)", async () => {
    let tries = 0;
    protectedHandler = (_req, res) => {
      tries += 1;
      if (tries === 1) return sendJson(res, 503, { code: "SERVICE_UNAVAILABLE" });
      sendJson(res, 200, { message: "hi", user_id: "user-1" });
    };
    const api = client();
    await api.getProtected();
    await api.getProtected();
    expect(apiCalls).toHaveLength(3);
    const jtis = apiCalls.map((call) => call.proof?.jti);
    expect(jtis.every((jti) => typeof jti === "string")).toBe(true);
    expect(new Set(jtis).size).toBe(3);
    // One token for all three: only the proofs are new.
    expect(tokenProofs).toHaveLength(1);
  });

  it("B23: answers a use_dpop_nonce challenge once, with the nonce in a fresh proof", async () => {
    protectedHandler = (_req, res) => {
      const proof = apiCalls.at(-1)?.proof;
      if (proof?.nonce !== "n-1") {
        res.writeHead(401, {
          "www-authenticate": 'DPoP error="use_dpop_nonce", algs="ES256"',
          "dpop-nonce": "n-1",
          "content-type": "application/problem+json",
        });
        return res.end(JSON.stringify({ code: "UNAUTHENTICATED" }));
      }
      sendJson(res, 200, { message: "hi", user_id: "user-1" });
    };
    await expect(client().getProtected()).resolves.toMatchObject({ message: "hi" });
    expect(apiCalls).toHaveLength(2);
    expect(apiCalls[1]?.proof?.nonce).toBe("n-1");
    expect(apiCalls[1]?.proof?.jti).not.toBe(apiCalls[0]?.proof?.jti);
    expect(tokenProofs).toHaveLength(1);
  });

  it("B23: does not answer a nonce challenge twice in a row", async () => {
    protectedHandler = (_req, res) => {
      res.writeHead(401, {
        "www-authenticate": 'DPoP error="use_dpop_nonce"',
        "dpop-nonce": `n-${apiCalls.length}`,
      });
      res.end();
    };
    await expect(client().getProtected()).rejects.toMatchObject({ status: 401 });
    // Two sends (the first token, then a fresh one after the 401), each with
    // one nonce retry: four calls, never a loop.
    expect(apiCalls).toHaveLength(4);
  });

  it("B24: falls back to an unbound Bearer token when the browser has no key", async () => {
    await client(async () => null).getProtected();
    await client(() => Promise.reject(new Error("IndexedDB unavailable"))).getProtected();
    expect(tokenProofs).toEqual([null, null]);
    for (const call of apiCalls) {
      expect(call.authorization).toMatch(/^Bearer /);
      expect(call.proof).toBeNull();
    }
  });

  it("B24: uses Bearer and no proof when the token that came back is not bound to its key", async () => {
    bindTokens = false;
    await client().getProtected();
    expect(tokenProofs[0]).not.toBeNull();
    expect(apiCalls[0]?.authorization).toMatch(/^Bearer /);
    expect(apiCalls[0]?.proof).toBeNull();
  });

  it("B24: a refused proof is an error, never a second request for an unbound token", async () => {
    tokenStatus = 400;
    await expect(client().getProtected()).rejects.toMatchObject({ code: DPOP_PROOF_REFUSED });
    expect(tokenProofs.every((proof) => proof !== null)).toBe(true);
    expect(apiCalls).toHaveLength(0);
  });
});
