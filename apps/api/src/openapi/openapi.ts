import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { ProblemSchema } from "@taskgate/contracts/problem";
import { TaskListSchema, TaskSchema } from "@taskgate/contracts/task";
import type { FastifyInstance } from "fastify";
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
} from "fastify-type-provider-zod";
import { z } from "zod";

export const OPENAPI_PATH = "/openapi.json";
export const DOCS_PREFIX = "/docs";

/**
 * Route-level `security` for endpoints that need the JWT: either a bearer
 * token (unbound tokens, DPOP_MODE=allowed), or a DPoP-bound token with its
 * proof (both requirements of the second entry together).
 */
export const TOKEN_SECURITY: Record<string, string[]>[] = [
  { bearerAuth: [] },
  { dpopAuth: [], dpopProof: [] },
];

// Named schemas become components ($ref) instead of being inlined in every
// route. A registry of our own, built once per process: zod refuses an id twice.
const registry = z.registry<{ id?: string | undefined; [key: string]: unknown }>();
registry.add(TaskSchema, { id: "Task" });
registry.add(TaskListSchema, { id: "TaskList" });
registry.add(ProblemSchema, { id: "Problem" });

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes
 * validate with, and a page to browse it. Register before any route: the
 * swagger plugin collects routes as they are added. Both are public.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Taskgate API",
        version: "1.0.0",
        description:
          "Each user's tasks under /api/{userId}/tasks. Send the web app's JWT as a bearer token or, when it is bound to a key (cnf.jkt), as `Authorization: DPoP <token>` with a fresh `DPoP` proof (RFC 9449) on every request; errors are RFC 9457 problem details.",
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "JWT",
            description:
              "An unbound token (no cnf claim). Refused when DPOP_MODE=required; a bound token sent this way is refused.",
          },
          dpopAuth: {
            type: "http",
            scheme: "DPoP",
            bearerFormat: "JWT",
            description:
              "A token bound to the client's key (cnf.jkt, RFC 9449): `Authorization: DPoP <token>`, always with a DPoP proof.",
          },
          dpopProof: {
            type: "apiKey",
            in: "header",
            name: "DPoP",
            description:
              'A proof JWT signed by the bound key, new for every request: header typ dpop+jwt, alg ES256, jwk (public); claims jti (never reused), htm (the method), htu (API_URL + path, no query), iat (at most 60 s old), ath (base64url SHA-256 of the token). Refusals: 401 with WWW-Authenticate: DPoP error="invalid_dpop_proof" or error="invalid_token", algs="ES256".',
          },
        },
      },
    },
    transform: createJsonSchemaTransform({ schemaRegistry: registry }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: registry }),
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
}
