import type { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import {
  compileTrust,
  isClientAddressResolved,
  resolveClientAddress,
  withClientAddress,
} from "./client-address.mjs";

function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  const rawHeaders = Object.entries(headers).flatMap(([name, value]) => [
    name.toUpperCase(),
    value,
  ]);
  return { socket, headers: { ...headers }, rawHeaders } as unknown as IncomingMessage;
}

describe("resolveClientAddress", () => {
  const none = compileTrust(undefined);
  const proxies = compileTrust("10.0.0.0/8, 192.0.2.1");

  it("U21: without trusted proxies the socket's peer is the client, whatever the headers say", () => {
    expect(
      resolveClientAddress(request("127.0.0.2", { "x-forwarded-for": "203.0.113.9" }), none),
    ).toBe("127.0.0.2");
  });

  it("U21: a dual-stack socket's IPv4-mapped peer is the plain IPv4 address", () => {
    expect(resolveClientAddress(request("::ffff:127.0.0.3"), none)).toBe("127.0.0.3");
  });

  it("U21: behind trusted proxies the client is the rightmost entry that is not one", () => {
    const chain = "198.51.100.1, 203.0.113.7, 10.1.2.3";
    expect(resolveClientAddress(request("192.0.2.1", { "x-forwarded-for": chain }), proxies)).toBe(
      "203.0.113.7",
    );
  });

  it("U21: a peer that is not a trusted proxy cannot use X-Forwarded-For", () => {
    const forged = request("203.0.113.50", { "x-forwarded-for": "198.51.100.1" });
    expect(resolveClientAddress(forged, proxies)).toBe("203.0.113.50");
  });

  it("U21: an entry that is not an address never becomes the client", () => {
    expect(
      resolveClientAddress(request("10.0.0.1", { "x-forwarded-for": "evil, not-an-ip" }), proxies),
    ).toBe("10.0.0.1");
  });

  it("U21: an entry in TRUSTED_PROXIES that is not an IP or CIDR stops start-up", () => {
    expect(() => compileTrust("10.0.0.0/8, proxy.internal")).toThrow();
  });
});

describe("withClientAddress", () => {
  it("U21: replaces every client-written address header with the resolved address", () => {
    const seen: Record<string, unknown>[] = [];
    const raw: string[][] = [];
    const handler = withClientAddress((req: IncomingMessage) => {
      seen.push({ ...req.headers });
      raw.push(req.rawHeaders);
    }, compileTrust(""));
    handler(
      request("127.0.0.2", {
        "x-forwarded-for": "203.0.113.1, 203.0.113.2",
        "x-real-ip": "203.0.113.3",
        forwarded: "for=203.0.113.4",
        host: "localhost",
      }),
      {} as ServerResponse,
    );
    expect(seen).toEqual([{ "x-forwarded-for": "127.0.0.2", host: "localhost" }]);
    // Next's development server reads the raw list.
    expect(raw).toEqual([["HOST", "localhost", "x-forwarded-for", "127.0.0.2"]]);
    expect(isClientAddressResolved()).toBe(true);
  });
});
