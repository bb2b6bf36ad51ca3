import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "./client";
import { fakeJwt, sendJson, startServer } from "./testing/http-fixture";
import { createTokenProvider } from "./token-provider";

// A task list that changes only when the test says so, answered the way the
// api answers: an ETag, and 304 with no body while If-None-Match matches.
let version = 1;
let ifNoneMatch: (string | undefined)[] = [];
let server: Awaited<ReturnType<typeof startServer>>;

const list = () => ({
  items: [
    {
      id: `t${version}`,
      user_id: "user-1",
      title: `version ${version}`,
      description: null,
      completed: false,
      created_at: "2026-12-04T10:00:00.000Z",
      updated_at: "2026-12-04T10:00:00.000Z",
    },
  ],
  next_cursor: null,
});

beforeEach(async () => {
  version = 1;
  ifNoneMatch = [];
  server = await startServer((req, res) => {
    if (req.url === "/api/auth/token") {
      return sendJson(res, 200, { token: fakeJwt(Math.floor(Date.now() / 1000) + 900) });
    }
    const sent = req.headers["if-none-match"];
    ifNoneMatch.push(Array.isArray(sent) ? sent.join(",") : sent);
    const etag = `"v${version}"`;
    if (sent === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    sendJson(res, 200, list(), { etag });
  });
});

afterEach(() => server.close());

function tasks() {
  const tokenProvider = createTokenProvider({ tokenUrl: `${server.url}/api/auth/token` });
  return createApiClient({ baseUrl: server.url, tokenProvider }).tasks("user-1");
}

describe("conditional requests", () => {
  it("revalidates what it holds with If-None-Match and keeps the same data on a 304", async () => {
    const api = tasks();
    const first = await api.list();
    const second = await api.list();
    expect(ifNoneMatch).toEqual([undefined, '"v1"']);
    // The very object it held: a data cache comparing by reference sees no change.
    expect(second).toBe(first);
  });

  it("takes the new body and its new ETag once the list changed", async () => {
    const api = tasks();
    await api.list();
    version = 2;
    const changed = await api.list();
    expect(changed.items[0]?.title).toBe("version 2");
    await api.list();
    expect(ifNoneMatch).toEqual([undefined, '"v1"', '"v2"']);
  });

  it("holds each query apart", async () => {
    const api = tasks();
    await api.list({ status: "active" });
    await api.list({ status: "completed" });
    expect(ifNoneMatch).toEqual([undefined, undefined]);
  });
});
