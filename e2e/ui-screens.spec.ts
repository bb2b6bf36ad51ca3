import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { registerPatiently } from "./support/shell";
import { newUser } from "./support/users";

// Every page in light and dark, on a desktop and a 390x844 phone: axe-core
// finds no WCAG A/AA violation, and a screenshot of each is kept as an
// artifact under test-results/ui-screenshots/.

const SCREENSHOTS = join("test-results", "ui-screenshots");
const THEMES = ["light", "dark"] as const;
const DEVICES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

type Theme = (typeof THEMES)[number];
type Device = keyof typeof DEVICES;

async function check(page: Page, name: string, theme: Theme, device: Device) {
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}-${theme}-${device}.png`),
    fullPage: true,
  });
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary, `${name} ${theme} ${device}`).toEqual([]);
}

async function newPage(browser: Browser, theme: Theme, device: Device) {
  const context = await browser.newContext({ colorScheme: theme, viewport: DEVICES[device] });
  return { context, page: await context.newPage() };
}

for (const theme of THEMES) {
  for (const device of Object.keys(DEVICES) as Device[]) {
    test.describe(`${theme}, ${device}`, () => {
      // axe-core takes seconds per page on a busy machine.
      test.describe.configure({ timeout: 240_000 });

      test("the signed-out pages pass axe and are photographed", async ({ browser }) => {
        const { context, page } = await newPage(browser, theme, device);
        try {
          await page.goto("/");
          await check(page, "home", theme, device);
          await page.goto("/login?reason=session-expired");
          await check(page, "login", theme, device);
          await page.goto("/register");
          await check(page, "register", theme, device);
          await page.goto("/no-such-page");
          await check(page, "not-found", theme, device);
        } finally {
          await context.close();
        }
      });

      test("the signed-in pages pass axe and are photographed", async ({ browser }) => {
        const { context, page } = await newPage(browser, theme, device);
        try {
          await registerPatiently(page, newUser(`screens-${theme}-${device}`));
          await page.getByLabel("Title").fill("Water the plants");
          await page.getByLabel("Description (optional)").fill("The ones on the balcony first.");
          await page.getByRole("button", { name: "Add task" }).click();
          await expect(page.getByTestId("task-item")).toHaveCount(1);
          await expect(page.getByTestId("api-status")).toContainText("API connected");
          // The "Task created" toast is drawn in the page's theme.
          await expect(page.locator("[data-sonner-toaster]")).toHaveAttribute(
            "data-sonner-theme",
            theme,
          );
          await check(page, "dashboard", theme, device);
          await page.getByLabel("User menu").click();
          await check(page, "dashboard-user-menu", theme, device);
          await page.keyboard.press("Escape");

          await page
            .getByRole("navigation", { name: "Main" })
            .getByRole("link", { name: "Account" })
            .click();
          await expect(page.getByTestId("session-item").first()).toBeVisible();
          await check(page, "account", theme, device);
        } finally {
          await context.close();
        }
      });
    });
  }
}
