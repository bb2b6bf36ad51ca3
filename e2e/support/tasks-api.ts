import { expect, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env";

const { API_URL } = e2eEnv(process.env.E2E_DATA_DIR ?? "");

/** The signed-in page's user id, as the dashboard shows it. */
export async function dashboardUserId(page: Page): Promise<string> {
  const userId = (await page.getByTestId("user-id").textContent())?.trim() ?? "";
  expect(userId).not.toBe("");
  return userId;
}

/** A fresh api token for the page's session (the page's cookies, not the UI). */
export async function apiToken(page: Page): Promise<string> {
  const response = await page.request.get("/api/auth/token");
  expect(response.status()).toBe(200);
  const body: { token?: unknown } = await response.json();
  expect(typeof body.token).toBe("string");
  return String(body.token);
}

/**
 * Creates tasks straight through the api, in order, for tests that need many
 * (far quicker than the form). Returns their ids.
 */
export async function createTasksViaApi(
  page: Page,
  tasks: ReadonlyArray<{ title: string; completed?: boolean }>,
): Promise<string[]> {
  const userId = await dashboardUserId(page);
  const headers = { Authorization: `Bearer ${await apiToken(page)}` };
  const base = `${API_URL}/api/${encodeURIComponent(userId)}/tasks`;
  const ids: string[] = [];
  for (const task of tasks) {
    const created = await page.request.post(base, { headers, data: { title: task.title } });
    expect(created.status()).toBe(201);
    const { id }: { id: string } = await created.json();
    if (task.completed) {
      const done = await page.request.patch(`${base}/${encodeURIComponent(id)}/complete`, {
        headers,
        data: { completed: true },
      });
      expect(done.status()).toBe(200);
    }
    ids.push(id);
  }
  return ids;
}
