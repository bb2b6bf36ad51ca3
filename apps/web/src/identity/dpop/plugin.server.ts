import { defineRequestState, hasRequestState } from "@better-auth/core/context";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import type { ReplayCache } from "./replay-cache.server";
import { checkTokenRequestProof } from "./token-request-proof.server";

/** The thumbprint a valid proof proved, for this one request's token. */
const provenKey = defineRequestState<string | null>(() => null);

/**
 * `cnf: {jkt}` for the token being signed, when this request's DPoP proof was
 * valid; nothing otherwise. Read by the jwt plugin's definePayload, so the
 * bound token is signed once, by the plugin, with its keys.
 */
export async function tokenBinding(): Promise<{ cnf: { jkt: string } } | Record<string, never>> {
  if (!(await hasRequestState())) return {};
  const jkt = await provenKey.get();
  return jkt ? { cnf: { jkt } } : {};
}

export type DpopBindingOptions = {
  /** `<WEB_URL>/api/auth/token`: the htu every token request's proof must name. */
  tokenUrl: string;
  replay: ReplayCache;
};

function invalidProof(reason: string): Response {
  // The reason goes to the log, not to the client; never the proof itself.
  console.warn(`[taskgate] security: DPoP proof refused at /api/auth/token: ${reason}`);
  return Response.json(
    {
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "The DPoP proof is not valid",
      code: "INVALID_DPOP_PROOF",
      request_id: crypto.randomUUID(),
    },
    {
      status: 400,
      headers: {
        "Content-Type": "application/problem+json",
        "Cache-Control": "no-store",
        "WWW-Authenticate": 'DPoP error="invalid_dpop_proof", algs="ES256"',
      },
    },
  );
}

/**
 * RFC 9449 at `GET /api/auth/token`: a request carrying a `DPoP` header gets a
 * token bound to the proof's key, or a 400 (never an unbound token). A
 * request without one gets an unbound token as before. Server calls
 * (`auth.api.getToken`, as /api/auth/backend-token makes) have no request and
 * are left alone.
 */
export function dpopBinding(options: DpopBindingOptions) {
  return {
    id: "taskgate-dpop-binding",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/token",
          handler: createAuthMiddleware(async (ctx) => {
            const request = ctx.request;
            if (!request) return;
            const proofs = request.headers.get("dpop");
            if (proofs === null) return;
            // Headers joins repeated fields with ", ": more than one proof is refused.
            if (proofs.includes(",")) return invalidProof("more than one DPoP header");
            const check = await checkTokenRequestProof(proofs, {
              htm: request.method,
              htu: options.tokenUrl,
              nowSeconds: Math.floor(Date.now() / 1000),
              replay: options.replay,
            });
            if (!check.ok) return invalidProof(check.reason);
            await provenKey.set(check.jkt);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
