import { describe, expect, it } from "vitest";
import {
  CreateTaskBodySchema,
  ListTasksQuerySchema,
  ReplaceTaskBodySchema,
  UpdateTaskBodySchema,
} from "./task";

describe("task contracts", () => {
  it("trims titles and refuses blank or over-long ones", () => {
    expect(CreateTaskBodySchema.parse({ title: "  buy milk " }).title).toBe("buy milk");
    expect(CreateTaskBodySchema.safeParse({ title: "   " }).success).toBe(false);
    expect(CreateTaskBodySchema.safeParse({ title: "x".repeat(201) }).success).toBe(false);
    expect(CreateTaskBodySchema.safeParse({ title: "x".repeat(200) }).success).toBe(true);
  });

  it("refuses fields a client may not set, such as user_id and id", () => {
    expect(CreateTaskBodySchema.safeParse({ title: "t", user_id: "someone-else" }).success).toBe(
      false,
    );
    expect(CreateTaskBodySchema.safeParse({ title: "t", id: "x" }).success).toBe(false);
  });

  it("refuses wrong types instead of coercing them", () => {
    expect(CreateTaskBodySchema.safeParse({ title: 123 }).success).toBe(false);
    expect(
      ReplaceTaskBodySchema.safeParse({ title: "t", description: null, completed: "yes" }).success,
    ).toBe(false);
  });

  it("refuses a NUL character, which PostgreSQL cannot store", () => {
    expect(CreateTaskBodySchema.safeParse({ title: "a\u0000b" }).success).toBe(false);
    expect(CreateTaskBodySchema.safeParse({ title: "ok", description: "\u0000" }).success).toBe(
      false,
    );
  });

  it("needs at least one field in a partial update", () => {
    expect(UpdateTaskBodySchema.safeParse({}).success).toBe(false);
    expect(UpdateTaskBodySchema.safeParse({ completed: true }).success).toBe(true);
  });

  it("bounds the page size and defaults the list query", () => {
    expect(ListTasksQuerySchema.parse({})).toEqual({ status: "all", limit: 20 });
    for (const limit of ["0", "101", "-1", "1e9", "2.5", "abc"]) {
      expect(ListTasksQuerySchema.safeParse({ limit }).success, limit).toBe(false);
    }
    expect(ListTasksQuerySchema.parse({ limit: "100", status: "active" }).limit).toBe(100);
    expect(ListTasksQuerySchema.safeParse({ status: "done" }).success).toBe(false);
  });
});
