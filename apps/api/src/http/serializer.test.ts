import { ProblemSchema } from "@taskgate/contracts/problem";
import { TaskListSchema, TaskSchema } from "@taskgate/contracts/task";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { serializerCompiler } from "./serializer.js";

const compile = (schema: z.ZodType) =>
  serializerCompiler({ schema, method: "GET", url: "/", httpStatus: "200" });

const task = {
  id: "t-1",
  user_id: "u-1",
  title: 'Quote " and newline\n, é',
  description: null,
  completed: true,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

describe("response serializer (fast-json-stringify from the zod schemas)", () => {
  it("writes exactly what the zod schema's own encoding would, for tasks and pages", () => {
    const page = { items: [task, { ...task, id: "t-2", description: "d" }], next_cursor: null };
    expect(compile(TaskSchema)(task)).toBe(JSON.stringify(TaskSchema.parse(task)));
    expect(compile(TaskListSchema)(page)).toBe(JSON.stringify(TaskListSchema.parse(page)));
  });

  it("never writes a field the contract does not name", () => {
    const out = compile(TaskListSchema)({
      items: [{ ...task, secret_column: "LEAK" }],
      next_cursor: "c",
      debug: "LEAK",
    });
    expect(out).not.toContain("LEAK");
    expect(JSON.parse(out).items[0]).toEqual(task);
  });

  it("writes problems with and without field errors", () => {
    const problem = {
      type: "about:blank",
      title: "Unprocessable Entity",
      status: 422,
      detail: "d",
      code: "VALIDATION_FAILED",
      request_id: "r",
    };
    const withErrors = { ...problem, errors: [{ path: "title", message: "m" }] };
    expect(compile(ProblemSchema)(problem)).toBe(JSON.stringify(problem));
    expect(compile(ProblemSchema)(withErrors)).toBe(JSON.stringify(withErrors));
  });

  it("refuses a response missing a required field (500) instead of writing it", () => {
    const { user_id: _missing, ...partial } = task;
    expect(() => compile(TaskSchema)(partial)).toThrow();
  });
});
