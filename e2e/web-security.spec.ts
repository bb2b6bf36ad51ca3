import { expect, test } from "@playwright/test";
import { newUser, register } from "./support/users";

const JWT_LIKE = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

test("C6: pages carry a nonce CSP, nosniff, a referrer policy and no X-Powered-By", async ({
  page,
}) => {
  const response = await page.goto("/login");
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
  // Every script Next rendered carries this response's nonce.
  const scriptNonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const scriptNonce of scriptNonces) expect(scriptNonce).toBe(nonce);
});

test("C6: every response gets a different nonce", async ({ request }) => {
  const nonceOf = async () =>
    /'nonce-([^']+)'/.exec(
      (await request.get("/login")).headers()["content-security-policy"] ?? "",
    )?.[1];
  expect(await nonceOf()).not.toBe(await nonceOf());
});

test("C6: the app works under its CSP with no violation reported", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await register(page, newUser("csp"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  expect(violations).toEqual([]);
});

test("C6: another site cannot frame the app", async ({ page, baseURL }) => {
  await page.route("http://evil.example/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe src="${baseURL}/login"></iframe>` }),
  );
  await page.goto("http://evil.example/");
  const frame = page.frameLocator("iframe");
  // Chromium replaces a refused frame with its own error page: no login form.
  await page.waitForTimeout(1_000);
  await expect(frame.getByRole("button", { name: /sign in/i })).toHaveCount(0);
});

test("C8: the x-middleware-subrequest header does not skip the sign-in check", async ({
  request,
}) => {
  const response = await request.get("/dashboard", {
    headers: {
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toMatch(/\/login\?next=%2Fdashboard/);
});

test("B1: after sign-in no token is kept where the page or other scripts could read it", async ({
  page,
}) => {
  await register(page, newUser("storage"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  const stored = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    url: location.href,
  }));
  expect(stored.local).not.toMatch(JWT_LIKE);
  expect(stored.session).not.toMatch(JWT_LIKE);
  expect(stored.cookie).not.toMatch(JWT_LIKE);
  expect(stored.url).not.toMatch(JWT_LIKE);
  // The session cookie itself is HttpOnly: scripts cannot read it.
  expect(stored.cookie).not.toContain("session_token");
});

test("B2: the dashboard's simultaneous api calls share one token request", async ({ page }) => {
  await register(page, newUser("single-flight"));
  let tokenRequests = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/token") tokenRequests += 1;
  });
  // A fresh page load: the api card and the task list both need a token at once.
  await page.reload();
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await expect(page.getByTestId("task-list").or(page.getByText(/no tasks yet/i))).toBeVisible();
  expect(tokenRequests).toBe(1);
});
