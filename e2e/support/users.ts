import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export type TestUser = { name: string; email: string; password: string };

/** A user no other test (or earlier run) has registered. */
export function newUser(label = "user"): TestUser {
  const id = randomUUID().slice(0, 8);
  return {
    name: `E2E ${label} ${id}`,
    email: `${label}-${id}@example.test`,
    password: `pw-${randomUUID()}`,
  };
}

export async function register(page: Page, user: TestUser) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: /create account|register|sign up/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: /sign in|log in/i }).click();
}
