import * as z from "zod/mini";

const PayloadSchema = z.object({ exp: z.number() });

/**
 * Reads `exp` (seconds since epoch) from a JWT without verifying it. The client
 * only uses it to schedule a refresh; the api does the verifying.
 * Returns null when the token has no readable `exp`.
 */
export function decodeExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const json = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")));
    const parsed = PayloadSchema.safeParse(json);
    return parsed.success ? parsed.data.exp : null;
  } catch {
    return null;
  }
}
