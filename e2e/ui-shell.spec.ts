import { expect as baseExpect, type Page, test } from "@playwright/test";
import { e2eEnv } from "./support/e2e-env";
import { registerPatiently, signOutFromMenu } from "./support/shell";
import { createTasksViaApi } from "./support/tasks-api";
import { newUser, signIn } from "./support/users";

// The web app's shell, themes, connection notice, forms and "say why" pages,
// driven in Chromium against the real web app and api.

const { API_URL } = e2eEnv(process.env.E2E_DATA_DIR ?? "");
// The machine running these may be busy: generous limits, the same checks.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("the shell: brand, navigation marking the current page, a user menu with name, email and sign-out", async ({
  page,
}) => {
  const user = newUser("shell");
  await registerPatiently(page, user);
  await expect(page.getByRole("link", { name: "Taskgate" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Tasks" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(mainNav(page).getByRole("link", { name: "Account" })).not.toHaveAttribute(
    "aria-current",
  );

  await page.getByLabel("User menu").click();
  await expect(page.getByTestId("user-name")).toBeVisible();
  await expect(page.getByTestId("user-name")).toHaveText(user.name);
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("user-email")).toBeHidden();

  await mainNav(page).getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(mainNav(page).getByRole("link", { name: "Account" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // The api status is a compact line on the dashboard, not on every page.
  await expect(page.getByTestId("api-status")).toHaveCount(0);
});

test("on a 390x844 phone the tasks come first, inside the first screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await registerPatiently(page, newUser("phone"));
    await expect(page.getByText("No tasks yet")).toBeVisible();
    const box = await page.getByTestId("tasks-empty").boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    await expect(page.getByTestId("api-status")).toContainText("API connected");
    // Nothing sticks out sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await context.close();
  }
});

test("the theme follows the system, a toggle overrides it, and the choice survives a reload without a flash", async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to execute/i.test(message.text())) {
      cspErrors.push(message.text());
    }
  });
  try {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const darkBackground = await page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );

    // system (dark) → light, remembered.
    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await page.evaluate(() => localStorage.getItem("taskgate-theme"))).toBe("light");

    // Painted light from the first byte on: the <head> script ran before the body.
    await page.goto("/login", { waitUntil: "commit" });
    await page.waitForFunction(() => document.body !== null);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await page.waitForLoadState("load");
    const lightBackground = await page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    expect(lightBackground).not.toBe(darkBackground);

    // light → dark → back to following the system.
    await page.getByTestId("theme-toggle").click();
    await page.getByTestId("theme-toggle").click();
    expect(await page.evaluate(() => localStorage.getItem("taskgate-theme"))).toBeNull();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(cspErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

test("one connection notice: names the api as unreachable, one retry, recovers by itself", async ({
  page,
}) => {
  await registerPatiently(page, newUser("conn"));
  await expect(page.getByTestId("api-status")).toContainText("API connected");

  await page.route(`${API_URL}/**`, (route) => route.abort("connectionrefused"));
  await page.reload();
  await expect(page.getByTestId("offline-banner")).toContainText(
    "Cannot reach the Taskgate server",
  );
  await expect(page.getByTestId("offline-banner")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /retry|try again/i })).toHaveCount(1);
  await expect(page.getByTestId("api-status")).toContainText("API unreachable");
  await expect(page.getByText(/offline/i)).toHaveCount(0);

  // The api comes back: no click, the page recovers on its own (backoff 2 s, 4 s …).
  await page.unroute(`${API_URL}/**`);
  await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("api-status")).toContainText("API connected");
  await expect(page.getByText("No tasks yet")).toBeVisible();
});

test("a 503 from the api is told apart from an unreachable one", async ({ page }) => {
  await registerPatiently(page, newUser("degraded"));
  // A real 503 the browser can read: the api's CORS headers on it, and its
  // preflight answered, or Chromium would report a network error instead.
  const origin = new URL(page.url()).origin;
  await page.route(`${API_URL}/**`, (route) => {
    const cors = {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE",
      "access-control-allow-headers":
        route.request().headers()["access-control-request-headers"] ?? "authorization",
    };
    if (route.request().method() === "OPTIONS")
      return route.fulfill({ status: 204, headers: cors });
    return route.fulfill({
      status: 503,
      headers: cors,
      contentType: "application/problem+json",
      body: JSON.stringify({ type: "about:blank", title: "Unavailable", status: 503 }),
    });
  });
  await page.reload();
  await expect(page.getByTestId("offline-banner")).toHaveAttribute("data-state", "degraded", {
    timeout: 20_000,
  });
  await expect(page.getByTestId("offline-banner")).toContainText("having trouble");
  await expect(page.getByTestId("api-status")).toContainText("API degraded");
});

test("forms: an error clears once fixed, limits show before submit, a common password is refused", async ({
  page,
}) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "Create account" }).click();
  const form = page.getByRole("form", { name: "Create account" });
  await expect(form.getByText("Enter your name.")).toBeVisible();
  await form.getByLabel("Name").fill("Ada");
  await expect(form.getByText("Enter your name.")).toHaveCount(0);
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  const user = newUser("common");
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/This password is too common/)).toBeVisible();
  await expect(page).toHaveURL(/\/register/);

  await form.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  const title = page.getByLabel("Title");
  await expect(title).toHaveAttribute("maxlength", "200");
  await expect(page.getByLabel("Description (optional)")).toHaveAttribute("maxlength", "2000");
  await expect(page.getByTestId("char-counter")).toHaveCount(0);
  await title.fill("x".repeat(170));
  await expect(page.getByTestId("char-counter")).toHaveText("170 / 200 characters");
});

test("an existing email on sign-up offers a link to sign in", async ({ page, browser }) => {
  const user = newUser("exists");
  await registerPatiently(page, user);
  const other = await browser.newContext();
  const tab = await other.newPage();
  try {
    await tab.goto("/register");
    await tab.getByLabel("Name").fill("Someone");
    await tab.getByLabel("Email").fill(user.email);
    await tab.getByLabel("Password").fill(newUser().password);
    await tab.getByRole("button", { name: "Create account" }).click();
    await tab.getByRole("link", { name: "Sign in instead" }).click();
    await expect(tab).toHaveURL(/\/login\?next=%2Fdashboard$/);
  } finally {
    await other.close();
  }
});

test("the sign-in page says why the person is there, and still honours next", async ({ page }) => {
  const user = newUser("why");
  await registerPatiently(page, user);
  await signOutFromMenu(page);
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
  await expect(page.getByTestId("login-reason")).toHaveText("You have signed out.");

  await page.goto("/login?next=%2Faccount&reason=session-expired");
  await expect(page.getByTestId("login-reason")).toContainText("Your session has ended");
  await signIn(page, user);
  await expect(page).toHaveURL(/\/account$/);

  await page.goto("/login?reason=not-a-reason");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("account deletion ends on the sign-in page with a confirmation", async ({ page }) => {
  const user = newUser("deleted");
  await registerPatiently(page, user);
  await mainNav(page).getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Delete account…" }).click();
  await page.getByRole("dialog").getByLabel("Password").fill(user.password);
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /delete/i })
    .click();
  await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
  await expect(page.getByTestId("login-reason")).toContainText("Your account has been deleted");
});

test("tasks: the filter lives in the URL with counts, long text is clamped, Esc returns focus", async ({
  page,
}) => {
  await registerPatiently(page, newUser("filters"));
  await createTasksViaApi(page, [
    { title: "Open one" },
    { title: "Open two" },
    { title: "Done one", completed: true },
  ]);
  await page.reload();
  await expect(page.getByTestId("count-all")).toHaveText("3");
  await expect(page.getByTestId("count-active")).toHaveText("2");
  await expect(page.getByTestId("count-completed")).toHaveText("1");

  await page.getByRole("radio", { name: /Completed/ }).check();
  await expect(page).toHaveURL(/\/dashboard\?status=completed$/);
  await page.reload();
  await expect(page.getByRole("radio", { name: /Completed/ })).toBeChecked();
  await expect(page.getByTestId("task-item")).toHaveCount(1);
  await page.getByRole("radio", { name: /All/ }).check();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByLabel("Title").fill("Long one");
  await page.getByLabel("Description (optional)").fill("word ".repeat(400).trim());
  await page.getByRole("button", { name: "Add task" }).click();
  const long = page.getByTestId("task-item").filter({ hasText: "Long one" });
  const description = long.getByTestId("task-description");
  const clampedHeight = (await description.boundingBox())?.height ?? 0;
  expect(clampedHeight).toBeLessThan(100);
  await long.getByRole("button", { name: "Show more" }).click();
  expect((await description.boundingBox())?.height ?? 0).toBeGreaterThan(clampedHeight * 2);
  await expect(long.getByRole("button", { name: "Show less" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );

  const openOne = page.getByTestId("task-item").filter({ hasText: "Open one" });
  await openOne.getByRole("button", { name: "Edit Open one" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Edit Open one" })).toBeFocused();
});

test("an unknown address shows the app's 404 page with a way home", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your tasks" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});
