import { expect, test } from "@playwright/test";
import { e2eEnv } from "./support/e2e-env";
import { signOutFromMenu } from "./support/shell";
import { newUser, register, signIn } from "./support/users";

// The original product's acceptance check, automated: register → dashboard →
// the api confirms the user id → reload → sign out → protected again.
const { API_URL } = e2eEnv(process.env.E2E_DATA_DIR ?? "");

test("a signed-out visitor of /dashboard is sent to /login with the destination kept", async ({
  page,
}) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await expect(page.getByRole("button", { name: /sign in/i })).toBeVisible();
});

test("register, see the api confirm the same user id, survive a reload, sign out", async ({
  page,
}) => {
  const user = newUser("walk");
  await register(page, user);

  await expect(page.getByTestId("user-email")).toHaveText(user.email);
  const userId = (await page.getByTestId("user-id").textContent())?.trim() ?? "";
  expect(userId).not.toBe("");
  await expect(page.getByTestId("api-user-id")).toHaveText(userId);

  await page.reload();
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
  await expect(page.getByTestId("api-user-id")).toHaveText(userId);

  await signOutFromMenu(page);
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("signing in returns to the page asked for; wrong password and unknown email read the same", async ({
  page,
  browser,
}) => {
  const user = newUser("login");
  const setup = await browser.newPage();
  await register(setup, user);
  await setup.close();

  await page.goto("/login?next=%2Fdashboard");
  await signIn(page, { email: user.email, password: "wrong-password-123" });
  const wrongPassword = page.getByTestId("form-error");
  await expect(wrongPassword).toContainText(/invalid email or password/i);
  const wrongPasswordText = await wrongPassword.textContent();

  await signIn(page, { email: `nobody-${user.email}`, password: "wrong-password-123" });
  await expect(page.getByTestId("form-error")).toHaveText(wrongPasswordText ?? "");

  await signIn(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
});

test("a signed-in user visiting /login or /register lands on /dashboard", async ({ page }) => {
  await register(page, newUser("redirect"));
  await page.goto("/login");
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/register");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("an off-site next parameter is ignored after sign-in", async ({ page, browser }) => {
  const user = newUser("next");
  const setup = await browser.newPage();
  await register(setup, user);
  await setup.close();

  await page.goto("/login?next=%2F%2Fevil.example%2Fphish");
  await signIn(page, user);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
});

test("the api answers 401 with a Bearer challenge to a request without a token", async ({
  request,
}) => {
  const response = await request.get(`${API_URL}/api/protected`);
  expect(response.status()).toBe(401);
  expect(response.headers()["www-authenticate"]).toContain('error="invalid_token"');
  expect(response.headers()["content-type"]).toContain("application/problem+json");
});

test("the backend-token endpoint of the original design answers with and without a session", async ({
  page,
}) => {
  const anonymous = await page.request.get("/api/auth/backend-token");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: "Not authenticated" });

  await register(page, newUser("legacy"));
  const userId = (await page.getByTestId("user-id").textContent())?.trim();
  const response = await page.request.get("/api/auth/backend-token");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ expiresIn: 900, userId });

  const api = await page.request.get(`${API_URL}/api/protected`, {
    headers: { Authorization: `Bearer ${body.token}` },
  });
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ user_id: userId });
});
