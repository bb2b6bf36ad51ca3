import { type Task, TaskSchema } from "@taskgate/contracts/task";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { requireUser } from "../auth/authenticate.js";
import type { Database } from "../db/schema.js";
import { AppError } from "../http/app-error.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { requestHash, runIdempotent } from "./idempotency.js";
import { allowEmptyJsonBody, requireObjectBody } from "./json-body.js";
import { enforcePathOwnership } from "./path-ownership.js";
import {
  completeTaskSchema,
  createTaskSchema,
  deleteTaskSchema,
  getTaskSchema,
  listTasksSchema,
  replaceTaskSchema,
  updateTaskSchema,
} from "./task-schemas.js";
import { listEtag, noneMatch, readTaskVersion, taskEtag } from "./task-version.js";
import { tasksRepository } from "./tasks-repository.js";

export interface TaskRoutesDeps {
  db: Kysely<Database>;
}

const ONE = "/api/:userId/tasks/:taskId";
const objectBody = requireObjectBody({ optional: false });

const found = (task: Task | null): Task => {
  if (task === null) throw new AppError(404, "NOT_FOUND", "No such task");
  return task;
};

const sendCreated = (reply: FastifyReply, task: Task) =>
  reply
    .code(201)
    .header(
      "location",
      `/api/${encodeURIComponent(task.user_id)}/tasks/${encodeURIComponent(task.id)}`,
    )
    .send(task);

/**
 * `/api/:userId/tasks…`; register inside the authenticated scope. Queries use
 * the token's user id; the path's is only compared with it (403 otherwise).
 */
export function taskRoutes(deps: TaskRoutesDeps): FastifyPluginAsyncZod {
  const repo = tasksRepository(deps.db);

  return async (app) => {
    app.addHook("onRequest", enforcePathOwnership);

    // Conditional GETs (If-None-Match → 304) come after the token and the
    // path ownership checks and read only the user's version row.
    app.get("/api/:userId/tasks", { schema: listTasksSchema }, async (request, reply) => {
      const { status, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const userId = requireUser(request).id;
      const etag = listEtag(userId, await readTaskVersion(deps.db, userId), request.query);
      reply.header("etag", etag);
      if (noneMatch(request.headers["if-none-match"], etag)) return reply.code(304).send();
      const page = await repo.list(userId, { status, limit, after });
      return { items: page.items, next_cursor: page.next && encodeCursor(page.next) };
    });

    app.post(
      "/api/:userId/tasks",
      { schema: createTaskSchema, preValidation: objectBody },
      async (request, reply) => {
        const userId = requireUser(request).id;
        const key = request.headers["idempotency-key"];
        if (key === undefined) return sendCreated(reply, await repo.create(userId, request.body));
        const scope = { userId, key, requestHash: requestHash(request.body) };
        const first = await runIdempotent(deps.db, scope, TaskSchema, async (trx) => ({
          status: 201,
          body: await tasksRepository(trx).create(userId, request.body),
        }));
        return sendCreated(reply, first.body);
      },
    );

    app.get(ONE, { schema: getTaskSchema }, async (request, reply) => {
      const userId = requireUser(request).id;
      const { taskId } = request.params;
      const etag = taskEtag(userId, await readTaskVersion(deps.db, userId), taskId);
      if (noneMatch(request.headers["if-none-match"], etag)) {
        return reply.header("etag", etag).code(304).send();
      }
      const task = found(await repo.get(userId, taskId));
      return reply.header("etag", etag).send(task);
    });

    app.put(ONE, { schema: replaceTaskSchema, preValidation: objectBody }, async (request) =>
      found(await repo.update(requireUser(request).id, request.params.taskId, request.body)),
    );

    app.patch(ONE, { schema: updateTaskSchema, preValidation: objectBody }, async (request) =>
      found(await repo.update(requireUser(request).id, request.params.taskId, request.body)),
    );

    app.delete(ONE, { schema: deleteTaskSchema }, async (request, reply) => {
      if (!(await repo.remove(requireUser(request).id, request.params.taskId))) found(null);
      return reply.code(204).send();
    });

    // Its own scope: only here does an empty JSON body mean "no body" (toggle).
    await app.register(async (complete) => {
      allowEmptyJsonBody(complete);
      complete
        .withTypeProvider<ZodTypeProvider>()
        .patch(
          `${ONE}/complete`,
          { schema: completeTaskSchema, preValidation: requireObjectBody({ optional: true }) },
          async (request) => {
            const userId = requireUser(request).id;
            const { taskId } = request.params;
            if (request.body === null) return found(await repo.toggle(userId, taskId));
            return found(await repo.update(userId, taskId, request.body));
          },
        );
    });
  };
}
