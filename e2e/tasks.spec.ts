import { expect, type Page, test } from "@playwright/test";
import { signOutFromMenu } from "./support/shell";
import { createTasksViaApi } from "./support/tasks-api";
import { newUser, register, signIn } from "./support/users";

// The dashboard's tasks, driven as a user would: the real web app, the real
// api, Chromium. Each test registers its own user, so tests share no tasks.

const items = (page: Page) => page.getByTestId("task-item");
// Task checkboxes are controlled and tick after an async step (the optimistic
// update awaits a query cancel), so Playwright's check()/uncheck(), which
// demand the state change within the click, race it: click, then assert.
const item = (page: Page, title: string) => items(page).filter({ hasText: title });

async function addTask(page: Page, title: string, description = "") {
  await page.getByLabel("Title").fill(title);
  if (description) await page.getByLabel("Description (optional)").fill(description);
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(item(page, title)).toBeVisible();
}

test("shows the empty state, then adds, edits, toggles and deletes a task (with a confirmation)", async ({
  page,
}) => {
  await register(page, newUser("crud"));
  await expect(page.getByText("No tasks yet")).toBeVisible();

  await addTask(page, "Buy milk", "two litres");
  await expect(page.getByText("Task created")).toBeVisible();
  await expect(item(page, "Buy milk").getByTestId("task-description")).toHaveText("two litres");
  // A successful create empties the form.
  await expect(page.getByLabel("Title")).toHaveValue("");

  await page.getByRole("button", { name: "Edit Buy milk" }).click();
  const editForm = page.getByRole("form", { name: "Edit Buy milk" });
  await editForm.getByLabel("Title").fill("Buy oat milk");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(item(page, "Buy oat milk").getByTestId("task-title")).toHaveText("Buy oat milk");
  await expect(page.getByText("Task updated")).toBeVisible();

  await page.getByRole("checkbox", { name: "Mark Buy oat milk complete" }).click();
  await expect(page.getByRole("checkbox", { name: "Mark Buy oat milk active" })).toBeChecked();
  await page.getByRole("checkbox", { name: "Mark Buy oat milk active" }).click();
  await expect(
    page.getByRole("checkbox", { name: "Mark Buy oat milk complete" }),
  ).not.toBeChecked();

  // Cancelling the confirmation keeps the task.
  await page.getByRole("button", { name: "Delete Buy oat milk" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this task?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(items(page)).toHaveCount(1);

  await page.getByRole("button", { name: "Delete Buy oat milk" }).click();
  await dialog.getByRole("button", { name: "Delete task" }).click();
  await expect(page.getByText("Task deleted")).toBeVisible();
  await expect(items(page)).toHaveCount(0);
  await expect(page.getByText("No tasks yet")).toBeVisible();
});

test("a blank title is refused at the field before anything is sent", async ({ page }) => {
  await register(page, newUser("blank"));
  await page.getByLabel("Title").fill("   ");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("Title is required.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No tasks yet")).toBeVisible();
});

test("filters tasks by status (All / Active / Completed) and keeps a screenshot", async ({
  page,
}) => {
  await register(page, newUser("filter"));
  await createTasksViaApi(page, [
    { title: "Write the report" },
    { title: "Call the plumber", completed: true },
    { title: "Water the plants" },
  ]);
  await page.reload();
  await expect(items(page)).toHaveCount(3);

  await page.getByRole("radio", { name: "Active" }).check();
  await expect(items(page)).toHaveCount(2);
  await expect(item(page, "Call the plumber")).toHaveCount(0);

  await page.getByRole("radio", { name: "Completed" }).check();
  await expect(items(page)).toHaveCount(1);
  await expect(item(page, "Call the plumber")).toBeVisible();

  await page.getByRole("radio", { name: "All" }).check();
  await expect(items(page)).toHaveCount(3);
  await page.screenshot({ path: "test-results/e2e/dashboard-with-tasks.png", fullPage: true });
});

test("tasks and their completion persist across a reload", async ({ page }) => {
  await register(page, newUser("reload"));
  await addTask(page, "Renew passport");
  // The optimistic tick is on screen at once; wait for the server's answer before reloading.
  const saved = page.waitForResponse(
    (response) => response.url().endsWith("/complete") && response.request().method() === "PATCH",
  );
  await page.getByRole("checkbox", { name: "Mark Renew passport complete" }).click();
  await expect(page.getByRole("checkbox", { name: "Mark Renew passport active" })).toBeChecked();
  expect((await saved).status()).toBe(200);

  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Mark Renew passport active" })).toBeChecked();
});

test("'Load more' fetches the next page after more than 20 tasks", async ({ page }) => {
  await register(page, newUser("pages"));
  await createTasksViaApi(
    page,
    Array.from({ length: 23 }, (_, i) => ({
      title: `Bulk task ${String(i + 1).padStart(2, "0")}`,
    })),
  );
  await page.reload();
  await expect(items(page)).toHaveCount(20);

  await page.getByRole("button", { name: "Load more" }).click();
  await expect(items(page)).toHaveCount(23);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

test("two users never see each other's tasks", async ({ browser }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  try {
    const alicePage = await alice.newPage();
    const bobPage = await bob.newPage();
    await register(alicePage, newUser("alice"));
    await register(bobPage, newUser("bob"));

    await addTask(alicePage, "Alice's secret plan");
    await addTask(bobPage, "Bob's shopping list");

    await bobPage.reload();
    await expect(items(bobPage)).toHaveCount(1);
    await expect(item(bobPage, "Bob's shopping list")).toBeVisible();
    await expect(bobPage.getByText("Alice's secret plan")).toHaveCount(0);

    await alicePage.reload();
    await expect(items(alicePage)).toHaveCount(1);
    await expect(alicePage.getByText("Bob's shopping list")).toHaveCount(0);
  } finally {
    await alice.close();
    await bob.close();
  }
});

test("I7: a title holding an XSS payload is shown as text and never runs", async ({ page }) => {
  const payload = "<img src=x onerror=window.__xss=1>";
  await register(page, newUser("xss"));
  await addTask(page, payload, payload);

  await expect(item(page, payload).getByTestId("task-title")).toHaveText(payload);
  await expect(item(page, payload).getByTestId("task-description")).toHaveText(payload);
  await expect(page.getByTestId("task-list").locator("img")).toHaveCount(0);

  await page.reload();
  await expect(item(page, payload).getByTestId("task-title")).toHaveText(payload);
  expect(await page.evaluate(() => "__xss" in window)).toBe(false);
});

test("B5: after signing out in another tab, this tab goes to sign-in and the half-typed task is restored", async ({
  context,
}) => {
  const user = newUser("draft");
  const tabA = await context.newPage();
  await register(tabA, user);

  // Tab B has a cached api token: its list loaded through the api.
  const tabB = await context.newPage();
  await tabB.goto("/dashboard");
  await expect(tabB.getByText("No tasks yet")).toBeVisible();
  await tabB.getByLabel("Title").fill("Half-typed idea");
  await tabB.getByLabel("Description (optional)").fill("with some detail");

  await signOutFromMenu(tabA);
  await expect(tabA).toHaveURL(/\/login/);

  // Tab B leaves at once (its cached token is dropped), and nothing of the
  // session stays on its screen.
  await expect(tabB).toHaveURL(/\/login\?next=%2Fdashboard&reason=signed-out-elsewhere$/);

  // B1: what the tab keeps for the draft holds no token.
  const stored = await tabB.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).toContain("Half-typed idea");
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

  await signIn(tabB, user);
  await expect(tabB).toHaveURL(/\/dashboard$/);
  await expect(tabB.getByLabel("Title")).toHaveValue("Half-typed idea");
  await expect(tabB.getByLabel("Description (optional)")).toHaveValue("with some detail");
  await expect(tabB.getByText(/Restored the task you were typing/)).toBeVisible();

  await tabB.getByRole("button", { name: "Add task" }).click();
  await expect(item(tabB, "Half-typed idea")).toBeVisible();
  // Created, so the draft is gone: a reload shows an empty form.
  await tabB.reload();
  await expect(items(tabB)).toHaveCount(1);
  await expect(tabB.getByLabel("Title")).toHaveValue("");
});

test("offline: a notice shows, a task added meanwhile is sent when the connection returns", async ({
  page,
  context,
}) => {
  await register(page, newUser("offline"));
  await expect(page.getByText("No tasks yet")).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByTestId("offline-banner")).toContainText("You are offline");
  await page.getByLabel("Title").fill("Written on the train");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText(/Waiting for the connection/)).toBeVisible();

  await context.setOffline(false);
  await expect(item(page, "Written on the train")).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toHaveCount(0);
});

test("B4: signing out clears the tasks from the tab and a different user sees none of them", async ({
  page,
}) => {
  const first = newUser("first");
  await register(page, first);
  await addTask(page, "First user's task");
  await page.getByLabel("Title").fill("unsent draft of the first user");

  await signOutFromMenu(page);
  await expect(page).toHaveURL(/\/login/);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(
    "unsent draft",
  );

  await register(page, newUser("second"));
  await expect(page.getByText("No tasks yet")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("");
});
