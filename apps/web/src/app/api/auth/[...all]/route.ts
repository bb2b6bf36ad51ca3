import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/identity/auth.server";
import { handleAuthRequest } from "@/identity/http/auth-handler.server";

// A function, not the instance: the auth instance (and its database) is only
// created when the first request arrives, never during `next build`.
async function handle(request: Request): Promise<Response> {
  return handleAuthRequest(getAuth(), request);
}

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handle);
