import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "better-auth/node";
import { compileTrust, withClientAddress } from "../../server/client-address.mjs";
import { handleAuthRequest } from "../http/auth-handler.server";
import type { TestAuth } from "./auth-http";

// The auth handler behind the same client-address step as server.mjs, over
// real HTTP on loopback, so tests can speak from distinct source addresses
// (127.0.0.2, 127.0.0.3, ...: every 127/8 address is this machine).

export type Served = {
  /** One request from `from` (a loopback address) to `/api/auth<path>`. */
  send: (path: string, init: Send) => Promise<Answer>;
  close: () => Promise<void>;
};

export type Send = {
  from: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

export type Answer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  /** The `name=value` pairs of every Set-Cookie. */
  cookie: string;
};

export async function serveOverHttp(t: TestAuth, trustedProxies = ""): Promise<Served> {
  const handler = toNodeHandler((incoming: Request) => handleAuthRequest(t.auth, incoming));
  const server = createServer(withClientAddress(handler, compileTrust(trustedProxies)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const send = (path: string, { from, method, body, headers = {} }: Send) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: `/api/auth${path}`,
          method: method ?? (payload === undefined ? "GET" : "POST"),
          localAddress: from,
          agent: false,
          headers:
            payload === undefined ? headers : { "content-type": "application/json", ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json: unknown = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = text;
            }
            const cookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json, cookie });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  return {
    send,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
