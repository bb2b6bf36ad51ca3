import * as z from "zod/mini";

/** `GET /api/auth/token` (Better Auth jwt plugin). */
export const TokenResponseSchema = z.object({
  token: z.string().check(z.minLength(1)),
});

/** `GET /api/auth/backend-token`, kept for clients of the original design. */
export const BackendTokenResponseSchema = z.object({
  token: z.string().check(z.minLength(1)),
  expiresIn: z.int().check(z.positive()),
  userId: z.string().check(z.minLength(1)),
});

export type TokenResponse = z.infer<typeof TokenResponseSchema>;
export type BackendTokenResponse = z.infer<typeof BackendTokenResponseSchema>;
