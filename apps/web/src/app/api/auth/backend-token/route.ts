import type { BackendTokenResponse } from "@taskgate/contracts/token";
import { getAuth } from "@/identity/auth.server";
import { logAuthFailure, sessionServiceUnavailable } from "@/identity/http/auth-handler.server";
import { getConfig } from "@/server/config.server";

const NO_STORE = { "Cache-Control": "no-store" };

/** `{token, expiresIn, userId}` for clients of the original design. */
export async function GET(request: Request) {
  try {
    return await backendToken(request);
  } catch (error) {
    logAuthFailure(error);
    return sessionServiceUnavailable();
  }
}

async function backendToken(request: Request) {
  const auth = getAuth();
  const session = await auth.api.getSession({ headers: request.headers });
  if (!session) {
    return Response.json({ error: "Not authenticated" }, { status: 401, headers: NO_STORE });
  }
  const { token } = await auth.api.getToken({ headers: request.headers });
  const body: BackendTokenResponse = {
    token,
    expiresIn: getConfig().jwtTtlSeconds,
    userId: session.user.id,
  };
  return Response.json(body, { headers: NO_STORE });
}
