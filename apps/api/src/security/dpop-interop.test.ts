import * as DPoP from "dpop";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_AUDIENCE } from "../auth/testing/jwks-fixture.js";
import { listenLocal } from "../testing/raw-http.js";
import { sharedTestApp } from "../testing/shared-test-app.js";

// J48: the api against proofs made by an independent DPoP client, panva's
// `dpop` (the author of jose), over real HTTP. The api sits behind a name of
// its own (API_URL), as behind a proxy: proofs name the URL the client
// addresses, not the socket the api listens on.

const API_URL = "https://api.taskgate.test";

describe("J48: interoperability with the dpop library (RFC 9449 client)", () => {
  // The test tokens keep their audience; only the public URL moves.
  const t = sharedTestApp({ env: { API_URL, JWT_AUDIENCE: TEST_AUDIENCE } });
  let base = "";
  let keypair: DPoP.KeyPair;
  let token = "";
  beforeAll(async () => {
    base = `http://127.0.0.1:${await listenLocal(t.app)}`;
    keypair = await DPoP.generateKeyPair("ES256");
    // Bound the way the web app binds it: cnf.jkt = the key's RFC 7638 thumbprint.
    token = await t.token({ cnf: { jkt: await DPoP.calculateThumbprint(keypair.publicKey) } });
  });

  /** A request as a DPoP client makes it: the proof names API_URL + path, without the query. */
  async function send(method: string, pathAndQuery: string, body?: unknown, proof?: string) {
    const path = pathAndQuery.split("?")[0] ?? pathAndQuery;
    const dpop =
      proof ?? (await DPoP.generateProof(keypair, `${API_URL}${path}`, method, undefined, token));
    const response = await fetch(`${base}${pathAndQuery}`, {
      method,
      headers: {
        authorization: `DPoP ${token}`,
        dpop,
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      challenge: response.headers.get("www-authenticate"),
      json: (await response.json().catch(() => null)) as unknown,
    };
  }

  it("J48: accepts the library's proofs for GET, POST and PATCH, query strings included", async () => {
    expect((await send("GET", "/api/protected")).status).toBe(200);
    const created = await send("POST", "/api/user-a/tasks", { title: "from dpop" });
    expect(created.status).toBe(201);
    const { id } = created.json as { id: string };
    expect(
      (await send("PATCH", `/api/user-a/tasks/${id}/complete`, { completed: true })).status,
    ).toBe(200);
    expect((await send("GET", "/api/user-a/tasks?status=all&limit=20")).status).toBe(200);
  });

  it("J48: refuses the library's proof sent twice", async () => {
    const proof = await DPoP.generateProof(
      keypair,
      `${API_URL}/api/protected`,
      "GET",
      undefined,
      token,
    );
    expect((await send("GET", "/api/protected", undefined, proof)).status).toBe(200);
    const replay = await send("GET", "/api/protected", undefined, proof);
    expect(replay.status).toBe(401);
    expect(replay.challenge).toBe('DPoP error="invalid_dpop_proof", algs="ES256"');
  });

  it("J48: refuses a proof the library made with another key", async () => {
    const other = await DPoP.generateKeyPair("ES256");
    const proof = await DPoP.generateProof(
      other,
      `${API_URL}/api/protected`,
      "GET",
      undefined,
      token,
    );
    const res = await send("GET", "/api/protected", undefined, proof);
    expect(res.status).toBe(401);
    expect(res.challenge).toBe('DPoP error="invalid_token", algs="ES256"');
  });

  it("J48: refuses a proof addressed to the socket instead of API_URL", async () => {
    const proof = await DPoP.generateProof(
      keypair,
      `${base}/api/protected`,
      "GET",
      undefined,
      token,
    );
    expect((await send("GET", "/api/protected", undefined, proof)).status).toBe(401);
  });

  it.each(["RS256", "PS256", "Ed25519"] as const)(
    "J48: refuses the library's %s proofs (only ES256 is announced)",
    async (alg) => {
      const other = await DPoP.generateKeyPair(alg);
      const bound = await t.token({
        cnf: { jkt: await DPoP.calculateThumbprint(other.publicKey) },
      });
      const proof = await DPoP.generateProof(
        other,
        `${API_URL}/api/protected`,
        "GET",
        undefined,
        bound,
      );
      const response = await fetch(`${base}/api/protected`, {
        headers: { authorization: `DPoP ${bound}`, dpop: proof },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe(
        'DPoP error="invalid_dpop_proof", algs="ES256"',
      );
    },
  );
});
