import type { ProtectedResponse } from "@taskgate/contracts/protected";
import type { FastifyPluginAsync } from "fastify";
import { requireUser } from "../auth/authenticate.js";

/** Must be registered inside the authenticated scope. */
export const protectedRoutes: FastifyPluginAsync = async (app) => {
  app.get("/api/protected", async (request): Promise<ProtectedResponse> => {
    const user = requireUser(request);
    return { message: "Hello from the API", user_id: user.id };
  });
};
