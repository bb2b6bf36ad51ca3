import type { IncomingMessage, ServerResponse } from "node:http";

export type Trust = (address: string, index: number) => boolean;

export declare const CLIENT_ADDRESS_HEADER: "x-forwarded-for";
export declare function compileTrust(list: string | undefined): Trust;
export declare function resolveClientAddress(
  req: IncomingMessage,
  trust: Trust,
): string | undefined;
export declare function withClientAddress<Req extends IncomingMessage, Res extends ServerResponse>(
  handler: (req: Req, res: Res) => unknown,
  trust: Trust,
): (req: Req, res: Res) => unknown;
export declare function markClientAddressResolved(): void;
export declare function isClientAddressResolved(): boolean;
