import type { Server } from "node:http";

export declare const LINGER_MS: number;
export declare function installLingeringClose(
  server: Server,
  options?: { lingerMs?: number },
): void;
