import type { JwtOptions } from "better-auth/plugins";
import type { WebConfig } from "../../server/config.server";
import { tokenBinding } from "../dpop/plugin.server";

/**
 * The jwt plugin's options, shared with the key-rotation command so both mint
 * keys the same way.
 */
export function jwtPluginOptions(config: WebConfig) {
  return {
    jwks: {
      keyPairConfig: { alg: config.jwtAlgorithm },
      // A retired key stays published until every token it signed has expired
      // and every api has refreshed its cache (see docs/security.md).
      gracePeriod: config.keyGraceSeconds,
    },
    jwt: {
      issuer: config.jwtIssuer,
      // The api's own URL, never the issuer's (Better Auth's default).
      audience: config.jwtAudience,
      // A number here would be an absolute `exp`; a string is a span from iat.
      expirationTime: `${config.jwtTtlSeconds}s`,
      // sub (user id) is added by the plugin; no email, name or image. `cnf`
      // only when the request proved a DPoP key (../dpop/plugin.server).
      definePayload: async ({ session }: { session: { id: string } }) => ({
        sid: session.id,
        ...(await tokenBinding()),
      }),
    },
    disableSettingJwtHeader: true,
  } satisfies JwtOptions;
}
