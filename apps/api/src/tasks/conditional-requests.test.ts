import { describe, expect, it } from "vitest";
import { testEngines } from "../testing/databases.js";
import { sharedTestApp } from "../testing/shared-test-app.js";
import { deleteUserData } from "./delete-user-data.js";
import { type TaskClient, taskClient } from "./testing/task-client.js";

const engines = await testEngines();

describe.each(engines)("conditional requests on %s", (engine) => {
  const t = sharedTestApp({ engine });

  const etagOf = async (a: TaskClient, url = a.base): Promise<string> => {
    const res = await a.send("GET", url);
    expect(res.statusCode).toBe(200);
    const etag = res.headers.etag;
    if (typeof etag !== "string") throw new Error("no ETag");
    return etag;
  };
  const revalidate = (a: TaskClient, etag: string, url = a.base) =>
    a.send("GET", url, { headers: { "if-none-match": etag } });

  it("the list answers an ETag, and the same ETag in If-None-Match gets 304 with no body", async () => {
    const a = await taskClient(t);
    await a.create("one");
    const etag = await etagOf(a);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const res = await revalidate(a, etag);
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe("");
    expect(res.headers.etag).toBe(etag);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("a weak form, a list of tags and * all match; a stale tag gets 200", async () => {
    const a = await taskClient(t);
    const etag = await etagOf(a);
    expect((await revalidate(a, `W/${etag}`)).statusCode).toBe(304);
    expect((await revalidate(a, `"other", ${etag}`)).statusCode).toBe(304);
    expect((await revalidate(a, "*")).statusCode).toBe(304);
    expect((await revalidate(a, '"stale"')).statusCode).toBe(200);
  });

  it("each query has its own ETag", async () => {
    const a = await taskClient(t);
    const all = await etagOf(a);
    const active = await etagOf(a, `${a.base}?status=active`);
    const five = await etagOf(a, `${a.base}?limit=5`);
    expect(new Set([all, active, five]).size).toBe(3);
    expect((await revalidate(a, all, `${a.base}?status=active`)).statusCode).toBe(200);
  });

  it("two users never share an ETag for the same state", async () => {
    const a = await taskClient(t);
    const b = await taskClient(t);
    expect(await etagOf(a)).not.toBe(await etagOf(b));
  });

  const writes: [string, (a: TaskClient, taskId: string) => Promise<unknown>][] = [
    ["create", (a) => a.create("another")],
    [
      "create with an Idempotency-Key",
      (a) =>
        a.send("POST", a.base, {
          payload: { title: "keyed" },
          headers: { "idempotency-key": `k-${Math.random()}` },
        }),
    ],
    [
      "PUT",
      (a, id) =>
        a.send("PUT", `${a.base}/${id}`, {
          payload: { title: "replaced", description: null, completed: false },
        }),
    ],
    ["PATCH", (a, id) => a.send("PATCH", `${a.base}/${id}`, { payload: { title: "patched" } })],
    ["toggle", (a, id) => a.send("PATCH", `${a.base}/${id}/complete`)],
    [
      "set completed",
      (a, id) => a.send("PATCH", `${a.base}/${id}/complete`, { payload: { completed: true } }),
    ],
    ["DELETE", (a, id) => a.send("DELETE", `${a.base}/${id}`)],
    ["erasing a deleted account's data", (a) => deleteUserData(t.db, a.userId)],
  ];

  it.each(writes)("%s changes the list's and the task's ETags", async (_name, write) => {
    const a = await taskClient(t);
    const task = await a.create("watched");
    const listTag = await etagOf(a);
    const taskTag = await etagOf(a, `${a.base}/${task.id}`);
    await write(a, task.id);
    expect((await revalidate(a, listTag)).statusCode).toBe(200);
    expect((await revalidate(a, taskTag, `${a.base}/${task.id}`)).statusCode).not.toBe(304);
  });

  it("another user's writes leave my ETag valid", async () => {
    const a = await taskClient(t);
    const b = await taskClient(t);
    await a.create("mine");
    const etag = await etagOf(a);
    await b.create("theirs");
    expect((await revalidate(a, etag)).statusCode).toBe(304);
  });

  it("a single task answers an ETag and 304 while unchanged", async () => {
    const a = await taskClient(t);
    const task = await a.create("single");
    const url = `${a.base}/${task.id}`;
    const etag = await etagOf(a, url);
    expect((await revalidate(a, etag, url)).statusCode).toBe(304);
  });

  it("a matching ETag never skips the token check (401) or the ownership check (403)", async () => {
    const a = await taskClient(t);
    const b = await taskClient(t);
    const etag = await etagOf(a);
    const anonymous = await t.app.inject({
      method: "GET",
      url: a.base,
      headers: { "if-none-match": etag },
    });
    expect(anonymous.statusCode).toBe(401);
    const foreign = await b.send("GET", a.base, { headers: { "if-none-match": etag } });
    expect(foreign.statusCode).toBe(403);
  });

  it("a refused request carries no ETag", async () => {
    const a = await taskClient(t);
    const b = await taskClient(t);
    const res = await b.send("GET", a.base);
    expect(res.statusCode).toBe(403);
    expect(res.headers.etag).toBeUndefined();
  });
});
