// The api's scenarios: what each one requests, with which token, on which
// data. Built once per api under test (each mode has its own address).

/** The scenarios that touch the database, for one engine's seeded users. */
export function dataScenarios(base, users, token, dataset, listEtag) {
  const auth = (name) => ({ authorization: `Bearer ${token[name]}` });
  const json = { "content-type": "application/json" };
  const list = (name) => ({
    url: `${base}/api/${users[name].id}/tasks?limit=20`,
    headers: auth(name),
  });
  return [
    {
      id: "list-1k",
      name: "list 1,000",
      data: `user with 1,000 tasks (${dataset})`,
      path: "/api/{user}/tasks?limit=20",
      target: list("medium"),
    },
    {
      // What the dashboard sends on every focus and reconnect: the list it
      // already holds, revalidated (decision 050). Only 304 counts.
      id: "list-1k-304",
      name: "list 1,000, revalidated",
      data: "the same list, If-None-Match → 304",
      path: "/api/{user}/tasks?limit=20",
      target: {
        ...list("medium"),
        headers: { ...auth("medium"), "if-none-match": listEtag },
        expectStatus: 304,
      },
    },
    {
      id: "create",
      name: "create",
      data: "new task per request",
      path: "/api/{user}/tasks",
      target: {
        url: `${base}/api/${users.writer.id}/tasks`,
        method: "POST",
        headers: { ...auth("writer"), ...json },
        body: JSON.stringify({ title: "Benchmark task", description: "Created by bench/run.mjs" }),
      },
    },
    {
      id: "complete",
      name: "complete",
      data: 'one task, {"completed":true}',
      path: "/api/{user}/tasks/{id}/complete",
      target: {
        url: `${base}/api/${users.writer.id}/tasks/${users.writer.taskIds[0]}/complete`,
        method: "PATCH",
        headers: { ...auth("writer"), ...json },
        body: JSON.stringify({ completed: true }),
      },
    },
    {
      id: "list-100",
      name: "list 100",
      data: "user with 100 tasks",
      path: "/api/{user}/tasks?limit=20",
      target: list("small"),
    },
    {
      id: "list-100k",
      name: "list 100,000",
      data: "user with 100,000 tasks",
      path: "/api/{user}/tasks?limit=20",
      target: list("large"),
    },
  ];
}

/** Every scenario on SQLite: the two without data first. */
export function apiScenarios(base, users, token, dataset, listEtag) {
  return [
    {
      id: "health",
      name: "health",
      data: "none",
      path: "/health",
      target: { url: `${base}/health` },
    },
    {
      id: "protected",
      name: "protected",
      data: "valid token",
      path: "/api/protected",
      target: {
        url: `${base}/api/protected`,
        headers: { authorization: `Bearer ${token.small}` },
      },
    },
    ...dataScenarios(base, users, token, dataset, listEtag),
  ];
}

/** The ETag of the medium user's first page, as the dashboard would hold it. */
export async function fetchListEtag(base, users, token) {
  const response = await fetch(`${base}/api/${users.medium.id}/tasks?limit=20`, {
    headers: { authorization: `Bearer ${token.medium}` },
  });
  await response.arrayBuffer();
  const etag = response.headers.get("etag");
  if (response.status !== 200 || !etag) {
    throw new Error(`the list answered ${response.status} without an ETag`);
  }
  return etag;
}
