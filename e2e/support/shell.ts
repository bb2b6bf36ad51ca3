import type { Page } from "@playwright/test";

/** Opens the user menu in the signed-in shell and signs out from it. */
export async function signOutFromMenu(page: Page) {
  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
}
