import type { Task } from "@taskgate/contracts/task";
import { describe, expect, it } from "vitest";
import { toCreateBody, toUpdateBody } from "./task-form-values";

const task: Task = {
  id: "t1",
  user_id: "u",
  title: "Buy milk",
  description: "two litres",
  completed: false,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

describe("toCreateBody (CreateTaskBodySchema on the client)", () => {
  it("trims the title and leaves out an empty description", async () => {
    expect(await toCreateBody({ title: "  Buy milk  ", description: "   " })).toEqual({
      ok: true,
      body: { title: "Buy milk" },
    });
  });

  it("refuses a blank title and an over-long description with the api's messages", async () => {
    const result = await toCreateBody({ title: "   ", description: "x".repeat(2001) });
    expect(result).toEqual({
      ok: false,
      fields: {
        title: "Title is required.",
        description: "Description is at most 2000 characters.",
      },
    });
  });

  it("keeps markup in a title as plain text", async () => {
    const title = "<img src=x onerror=window.__xss=1>";
    expect(await toCreateBody({ title, description: "" })).toEqual({ ok: true, body: { title } });
  });
});

describe("toUpdateBody", () => {
  it("sends only what changed", async () => {
    expect(await toUpdateBody({ title: "Buy bread", description: "two litres" }, task)).toEqual({
      ok: true,
      body: { title: "Buy bread" },
    });
  });

  it("sends null to clear the description", async () => {
    expect(await toUpdateBody({ title: "Buy milk", description: "" }, task)).toEqual({
      ok: true,
      body: { description: null },
    });
  });

  it("has nothing to send when nothing changed but whitespace", async () => {
    expect(await toUpdateBody({ title: " Buy milk ", description: "two litres " }, task)).toEqual({
      ok: true,
      body: null,
    });
  });

  it("refuses an emptied title", async () => {
    expect(await toUpdateBody({ title: "", description: "two litres" }, task)).toEqual({
      ok: false,
      fields: { title: "Title is required." },
    });
  });
});
