import * as z from "zod/mini";

const PayloadSchema = z.object({
  exp: z.optional(z.number()),
  cnf: z.optional(z.object({ jkt: z.optional(z.string()) })),
});

function decodePayload(token: string): z.infer<typeof PayloadSchema> | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const json = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")));
    const parsed = PayloadSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Reads `exp` (seconds since epoch) from a JWT without verifying it. The client
 * only uses it to schedule a refresh; the api does the verifying.
 * Returns null when the token has no readable `exp`.
 */
export function decodeExpiry(token: string): number | null {
  return decodePayload(token)?.exp ?? null;
}

/** The key thumbprint a token is bound to (`cnf.jkt`), or null for an unbound token. */
export function decodeBinding(token: string): string | null {
  return decodePayload(token)?.cnf?.jkt ?? null;
}
