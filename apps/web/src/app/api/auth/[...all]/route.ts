import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth.server";

// A function, not the instance: the auth instance (and its database) is only
// created when the first request arrives, never during `next build`.
async function handle(request: Request): Promise<Response> {
  const response = await getAuth().handler(request);
  // Sessions and tokens must never sit in a shared or browser cache.
  if (!response.headers.has("cache-control")) response.headers.set("Cache-Control", "no-store");
  return response;
}

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handle);
