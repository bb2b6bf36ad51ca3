// The flow a person and the api go through, over HTTP against the running
// containers: sign up, get a token, call the api, create and list a task,
// sign out, and see the api refuse the token once the revocation feed says so.
import { randomUUID } from "node:crypto";

const REVOCATION_BOUND_MS = 10_000;

async function json(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${response.status} from ${response.url} is not JSON: ${text.slice(0, 200)}`);
  }
}

function expectStatus(response, status, what) {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status}`);
  }
}

/** Runs each step through `step(name, fn)`, which reports it. */
export async function smokeFlow({ webUrl, apiUrl }, step) {
  const origin = { origin: webUrl };
  let cookie = "";
  let token = "";
  let userId = "";

  await step("sign up", async () => {
    const response = await fetch(`${webUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", ...origin },
      body: JSON.stringify({
        name: "Container Smoke",
        email: `smoke-${randomUUID()}@example.com`,
        password: `correct horse ${randomUUID()}`,
      }),
    });
    expectStatus(response, 200, "sign-up");
    cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    if (!cookie) throw new Error("sign-up set no session cookie");
  });

  await step("token from the session", async () => {
    const response = await fetch(`${webUrl}/api/auth/token`, { headers: { cookie } });
    expectStatus(response, 200, "token");
    token = (await json(response)).token;
    if (typeof token !== "string") throw new Error("no token in the answer");
  });

  const api = (path, init = {}) =>
    fetch(`${apiUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...origin, ...init.headers },
    });

  await step("GET /api/protected", async () => {
    const response = await api("/api/protected");
    expectStatus(response, 200, "/api/protected");
    userId = (await json(response)).user_id;
  });

  await step("create and list a task", async () => {
    const created = await api(`/api/${userId}/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "from the container smoke test" }),
    });
    expectStatus(created, 201, "create");
    const task = await json(created);
    const listed = await api(`/api/${userId}/tasks`);
    expectStatus(listed, 200, "list");
    const { items } = await json(listed);
    if (!items.some((item) => item.id === task.id)) throw new Error("the new task is not listed");
  });

  await step(
    "the dashboard's first HTML lists the task (the web image calls the api)",
    async () => {
      const response = await fetch(`${webUrl}/dashboard`, { headers: { cookie } });
      expectStatus(response, 200, "/dashboard");
      const html = await response.text();
      if (!html.includes("from the container smoke test")) {
        throw new Error(
          "the dashboard's HTML does not list the task: the server's prefetch failed",
        );
      }
    },
  );

  await step("sign out", async () => {
    const response = await fetch(`${webUrl}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", ...origin },
      body: "{}",
    });
    expectStatus(response, 200, "sign-out");
  });

  await step(`the api refuses the token within ${REVOCATION_BOUND_MS / 1000} s`, async () => {
    const deadline = Date.now() + REVOCATION_BOUND_MS;
    while (Date.now() < deadline) {
      const response = await api("/api/protected");
      await response.arrayBuffer();
      if (response.status === 401) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("the signed-out session's token still works");
  });
}
