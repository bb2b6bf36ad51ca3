import type { onRequestAsyncHookHandler } from "fastify";
import { requireUser } from "../auth/authenticate.js";
import { AppError } from "../http/app-error.js";
import { noteRefusal } from "../http/refusal.js";

function pathUserId(params: unknown): string | undefined {
  if (typeof params !== "object" || params === null || !("userId" in params)) return undefined;
  return typeof params.userId === "string" ? params.userId : undefined;
}

/**
 * onRequest hook for `/api/:userId/...`, after authentication: a path that names
 * another user is refused (403) before the body is read or the database touched.
 */
export const enforcePathOwnership: onRequestAsyncHookHandler = async (request) => {
  const user = requireUser(request);
  if (pathUserId(request.params) === user.id) return;
  // The request's one log line carries it, with the verified user id.
  noteRefusal(request, {
    level: "warn",
    event: "auth.forbidden",
    reason: "PATH_USER_MISMATCH",
    msg: "forbidden",
  });
  throw new AppError(403, "FORBIDDEN", "You don't have permission to access these tasks");
};
