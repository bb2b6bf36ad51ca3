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

/** Route-level `security` for endpoints that need the bearer JWT. */
export const BEARER_SECURITY = [{ bearerAuth: [] }];

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
          "Each user's tasks under /api/{userId}/tasks. Send the web app's JWT as a bearer token; errors are RFC 9457 problem details.",
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        },
      },
    },
    transform: createJsonSchemaTransform({ schemaRegistry: registry }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: registry }),
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
}
