import * as z from "zod/mini";

/** `GET /api/protected`: the api's confirmation of who the bearer is. */
export const ProtectedResponseSchema = z.object({
  message: z.string(),
  user_id: z.string().check(z.minLength(1)),
});

export type ProtectedResponse = z.infer<typeof ProtectedResponseSchema>;
