import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signOutFromMenu } from "./support/shell";
import { newUser, register, signIn, type TestUser } from "./support/users";

// The account page (/account) and what it does to the user's other sessions
// and tabs, driven as a user would: the real web app, the real api, Chromium.
// A second browser context stands for a second device: its own cookie jar.

const sessionItems = (page: Page) => page.getByTestId("session-item");
const thisDevice = (page: Page) => sessionItems(page).filter({ hasText: "This device" });
const otherDevices = (page: Page) => sessionItems(page).filter({ hasNotText: "This device" });

async function openAccount(page: Page) {
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
}

/** Signs `user` in on a fresh page of `context` (another device). */
async function signInOnNewPage(context: BrowserContext, user: TestUser): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/login");
  await signIn(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/** A second device for `user`, closed when `use` ends. */
async function withOtherDevice(
  browser: Browser,
  user: TestUser,
  use: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext();
  try {
    await use(await signInOnNewPage(context, user));
  } finally {
    await context.close();
  }
}

async function changePassword(page: Page, current: string, next: string) {
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill(current);
  await form.getByLabel("New password", { exact: true }).fill(next);
  await form.getByLabel("Confirm new password").fill(next);
  await form.getByRole("button", { name: "Change password" }).click();
  return form;
}

test("the account page is protected like the dashboard", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
});

test("changes the name, which the dashboard then shows", async ({ page }) => {
  const user = newUser("rename");
  await register(page, user);
  await openAccount(page);
  const form = page.getByRole("form", { name: "Profile" });
  await expect(form.getByLabel("Name")).toHaveValue(user.name);

  await form.getByLabel("Name").fill("   ");
  await form.getByRole("button", { name: "Save name" }).click();
  await expect(form.getByText("Enter your name.")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Name").fill("  Ada Renamed  ");
  await form.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name updated")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("Ada Renamed");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("user-name")).toHaveText("Ada Renamed");
});

test("U12: a wrong current password is refused at that field", async ({ page }) => {
  await register(page, newUser("wrongpw"));
  await openAccount(page);
  const form = await changePassword(page, "not-my-password", "a brand new passphrase");
  const current = form.getByLabel("Current password");
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toBeFocused();
});

test("changing the password signs the other devices out, keeps this one, and only the new password signs in", async ({
  page,
  browser,
}) => {
  const user = newUser("chpw");
  const newPassword = `new-${user.password}`;
  await register(page, user);
  // A second tab of this browser: it shares the session, so it stays signed in.
  const secondTab = await page.context().newPage();
  await secondTab.goto("/dashboard");

  await withOtherDevice(browser, user, async (other) => {
    await openAccount(page);
    await changePassword(page, user.password, newPassword);
    await expect(page.getByText("Password changed")).toBeVisible();
    await expect(page.getByText(/other devices were signed out/i)).toBeVisible();
    // The form is emptied: no password stays on screen.
    await expect(page.getByLabel("Current password")).toHaveValue("");

    // This device and its other tab stay signed in.
    await expect(secondTab).toHaveURL(/\/dashboard$/);
    await page.reload();
    await expect(page).toHaveURL(/\/account$/);
    await expect(sessionItems(page)).toHaveCount(1);
    await secondTab.reload();
    await expect(secondTab).toHaveURL(/\/dashboard$/);

    // The other device is signed out on its next navigation.
    await other.goto("/dashboard");
    await expect(other).toHaveURL(/\/login\?next=%2Fdashboard&reason=session-expired$/);
    await expect(other.getByTestId("login-reason")).toContainText("Your password was changed");
    await signIn(other, user);
    await expect(other.getByTestId("form-error")).toHaveText("Invalid email or password.");
    await signIn(other, { email: user.email, password: newPassword });
    await expect(other).toHaveURL(/\/dashboard$/);
  });
});

test("lists both sessions, marks this device, and revokes the other one", async ({
  page,
  browser,
}) => {
  const user = newUser("sessions");
  await register(page, user);
  await withOtherDevice(browser, user, async (other) => {
    await openAccount(page);
    await expect(sessionItems(page)).toHaveCount(2);
    await expect(thisDevice(page)).toHaveCount(1);
    // This device's session cannot be revoked from the list: that is "Sign out".
    await expect(thisDevice(page).getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    for (const item of await sessionItems(page).all()) {
      await expect(item.getByTestId("session-device")).toContainText(/Chrom/);
      await expect(item.getByTestId("session-ip")).not.toBeEmpty();
      await expect(item.getByText("Signed in")).toBeVisible();
      await expect(item.getByText("Last active")).toBeVisible();
    }

    await otherDevices(page)
      .getByRole("button", { name: /^Revoke/ })
      .click();
    await expect(page.getByText("Session revoked")).toBeVisible();
    await expect(sessionItems(page)).toHaveCount(1);
    await expect(thisDevice(page)).toHaveCount(1);

    await other.reload();
    await expect(other).toHaveURL(/\/login\?next=%2Fdashboard&reason=session-expired$/);
    await expect(other.getByTestId("login-reason")).toHaveAttribute(
      "data-reason",
      "session-revoked",
    );
    // This device was not touched.
    await page.reload();
    await expect(page).toHaveURL(/\/account$/);
  });
});

test("'Sign out everywhere else' ends every other session and keeps this one", async ({
  page,
  browser,
}) => {
  const user = newUser("everywhere");
  await register(page, user);
  await withOtherDevice(browser, user, async (second) => {
    await withOtherDevice(browser, user, async (third) => {
      await openAccount(page);
      await expect(sessionItems(page)).toHaveCount(3);
      await page.getByRole("button", { name: "Sign out everywhere else" }).click();
      await expect(page.getByText("Signed out everywhere else")).toBeVisible();
      await expect(sessionItems(page)).toHaveCount(1);
      await expect(thisDevice(page)).toHaveCount(1);
      await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toBeDisabled();

      for (const device of [second, third]) {
        await device.goto("/dashboard");
        await expect(device).toHaveURL(/\/login\?next=%2Fdashboard&reason=session-expired$/);
        await expect(device.getByTestId("login-reason")).toContainText(
          "signed out from another device",
        );
      }
      await page.reload();
      await expect(page).toHaveURL(/\/account$/);
    });
  });
});

test("deleting the account needs the right password, then signs out every tab and the account is gone", async ({
  page,
}) => {
  const user = newUser("delete");
  await register(page, user);
  const otherTab = await page.context().newPage();
  await otherTab.goto("/dashboard");
  await openAccount(page);

  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await page.getByRole("button", { name: "Delete account…" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Password").fill("not-my-password");
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(dialog.getByText("That password is not correct.")).toBeVisible();
  await expect(dialog.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  // Cancelling keeps the account.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page).toHaveURL(/\/account$/);

  await page.getByRole("button", { name: "Delete account…" }).click();
  await dialog.getByLabel("Password").fill(user.password);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
  await expect(page.getByTestId("login-reason")).toContainText("Your account has been deleted");
  // The other tab heard it and left the signed-in pages.
  await expect(otherTab).toHaveURL(/\/login\?next=%2Fdashboard&reason=signed-out-elsewhere$/);

  await page.goto("/login");
  await signIn(page, user);
  await expect(page.getByTestId("form-error")).toHaveText("Invalid email or password.");
});

test("a device whose account was deleted elsewhere is told so on its next visit", async ({
  page,
  browser,
}) => {
  const user = newUser("deleted-elsewhere");
  await register(page, user);
  await withOtherDevice(browser, user, async (other) => {
    await openAccount(page);
    await page.getByRole("button", { name: "Delete account…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await dialog.getByLabel("Password").fill(user.password);
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);

    await other.goto("/dashboard");
    await expect(other).toHaveURL(/\/login\?next=%2Fdashboard&reason=session-expired$/);
    await expect(other.getByTestId("login-reason")).toHaveAttribute(
      "data-reason",
      "account-deleted",
    );
  });
});

test("B5: signing out in one tab sends the other to the login page within a second", async ({
  context,
}) => {
  const tabA = await context.newPage();
  await register(tabA, newUser("tabs-out"));
  const tabB = await context.newPage();
  await tabB.goto("/account");
  await expect(tabB.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();

  await signOutFromMenu(tabA);
  await expect(tabA).toHaveURL(/\/login\?reason=signed-out$/);
  await expect(tabB).toHaveURL(/\/login\?next=%2Faccount&reason=signed-out-elsewhere$/, {
    timeout: 1_000,
  });
});

test("signing in in one tab brings another tab on the login page to the dashboard", async ({
  browser,
  context,
}) => {
  const user = newUser("tabs-in");
  const elsewhere = await browser.newContext();
  await register(await elsewhere.newPage(), user);
  await elsewhere.close();

  const tabA = await context.newPage();
  const tabB = await context.newPage();
  await tabA.goto("/login");
  await tabB.goto("/login");
  await tabA.bringToFront();
  await signIn(tabA, user);
  await expect(tabA).toHaveURL(/\/dashboard$/);

  await tabB.bringToFront();
  await expect(tabB).toHaveURL(/\/dashboard$/);
  await expect(tabB.getByTestId("user-email")).toHaveText(user.email);
});

test("registering in one tab brings another tab on the login page to its `next` page", async ({
  context,
}) => {
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  await tabB.goto("/account");
  await expect(tabB).toHaveURL(/\/login\?next=%2Faccount$/);

  await tabA.bringToFront();
  await register(tabA, newUser("tabs-reg"));

  await tabB.bringToFront();
  await expect(tabB).toHaveURL(/\/account$/);
  await expect(tabB.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
});
