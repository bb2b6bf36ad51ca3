import { expect, type Page } from "@playwright/test";

/** Opens the user menu in the signed-in shell and signs out from it. */
export async function signOutFromMenu(page: Page) {
  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
}

/**
 * Registers like `register` (support/users.ts), waiting longer for the
 * dashboard: on a busy two-core machine the first render can pass 10 s.
 */
export async function registerPatiently(
  page: Page,
  user: { name: string; email: string; password: string },
) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
}
