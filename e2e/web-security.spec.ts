import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { e2eEnv } from "./support/e2e-env";
import { newUser, register, signIn } from "./support/users";

const JWT_LIKE = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

// Records every CSP violation the page reports, from before its first script runs.
const RECORD_CSP_VIOLATIONS = () => {
  const seen: string[] = [];
  Object.assign(window, { __cspViolations: seen });
  document.addEventListener("securitypolicyviolation", (event) => {
    seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
  });
};

const cspViolations = (page: Page) =>
  page.evaluate(() => {
    const seen: unknown = Reflect.get(window, "__cspViolations");
    return Array.isArray(seen) ? seen.map(String) : ["the violation recorder never ran"];
  });

test("C6: pages carry a nonce CSP, nosniff, a referrer policy and no X-Powered-By", async ({
  page,
}) => {
  await page.addInitScript(RECORD_CSP_VIOLATIONS);
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

  // Every script the server rendered carries this response's nonce...
  const html = (await response?.text()) ?? "";
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);

  // ...and the scripts Next's runtime adds later (code split chunks) are
  // allowed through 'strict-dynamic' alone: submitting the empty form loads
  // the form's validation, and nothing the policy refused may run meanwhile.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  const inlineNonces = await page
    .locator("script:not([src])")
    .evaluateAll((scripts) =>
      scripts.map((script) => (script instanceof HTMLScriptElement ? script.nonce : "")),
    );
  for (const inlineNonce of inlineNonces) expect(inlineNonce).toBe(nonce);
  expect(await cspViolations(page)).toEqual([]);
});

test("C6: every response gets a different nonce", async ({ request }) => {
  const nonceOf = async () =>
    /'nonce-([^']+)'/.exec(
      (await request.get("/login")).headers()["content-security-policy"] ?? "",
    )?.[1];
  expect(await nonceOf()).not.toBe(await nonceOf());
});

test("C6: the app works under its CSP with no violation reported", async ({ page }) => {
  await page.addInitScript(RECORD_CSP_VIOLATIONS);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await register(page, newUser("csp"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  // A toast: sonner is loaded after the page, by Next's runtime.
  await page.getByLabel("Title").fill("Checked under the CSP");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("Task created")).toBeVisible();
  expect(violations).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
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
  // Registering ends in a full page load of its own: let it finish its token
  // request before counting, so only the reload below is counted.
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
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

const DOT_SLASH_TRICKS = ["/.//evil.example/x", "/a/..//evil.example/x", "/%2F%2Fevil.example/x"];

test("C20: a signed-in /login or /register with a dot-segment next redirects within the web origin", async ({
  page,
  baseURL,
}) => {
  await register(page, newUser("c20"));
  const origin = new URL(baseURL ?? "").origin;
  for (const path of ["/login", "/register"]) {
    for (const next of DOT_SLASH_TRICKS) {
      // Real HTTP with the session cookie, redirects not followed: the Location itself is checked.
      const response = await page.request.get(`${path}?next=${encodeURIComponent(next)}`, {
        maxRedirects: 0,
      });
      expect(response.status(), `${path} ${next}`).toBeGreaterThanOrEqual(300);
      expect(response.status(), `${path} ${next}`).toBeLessThan(400);
      const location = response.headers().location ?? "";
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, origin).origin).toBe(origin);
    }
  }
});

test("C20: signing in on /login?next=/.//evil.example/x lands on the web origin", async ({
  page,
  browser,
  baseURL,
}) => {
  const user = newUser("c20-signin");
  const setup = await browser.newPage();
  await register(setup, user);
  await setup.close();

  await page.goto(`/login?next=${encodeURIComponent("/.//evil.example/x")}`);
  await signIn(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
});

test("C21: a 20 MB sign-in body gets 413 problem JSON from the running web app", async ({
  baseURL,
}) => {
  // Plain node:http, not Playwright's client: the server answers (and closes)
  // long before 20 MB have been sent, and the answer is what is checked.
  const url = new URL("/api/auth/sign-in/email", baseURL);
  const total = 20 * 1024 * 1024;
  const answer = await new Promise<{ status: number; type: string; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(total),
          origin: url.origin,
        },
      });
      let answered = false;
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"]),
            body,
          }),
        );
      });
      // An error before the answer has been read in full is the failure
      // lingering close prevents (EPIPE or ECONNRESET from the server's reset).
      req.on("error", (error) => setTimeout(() => reject(error), 2_000));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      // One chunk per turn of the event loop, and none once the answer has
      // come. The server answers long before the body ends and lingers
      // (decision 060): it half-closes and drains, so its close can no
      // longer reset the connection and destroy the 413 before it is read.
      const pump = () => {
        if (answered) return;
        if (sent >= total) return void req.end();
        sent += chunk.byteLength;
        if (req.write(chunk)) setImmediate(pump);
        else req.once("drain", pump);
      };
      pump();
    },
  );
  expect(answer.status).toBe(413);
  expect(answer.type).toContain("application/problem+json");
  expect(JSON.parse(answer.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
});

test("L21: the x-request-id of the browser's api call reaches the api's log line", async ({
  page,
}) => {
  const { API_URL, TASKGATE_LOG_FILE } = e2eEnv(process.env.E2E_DATA_DIR ?? "");
  const sent: string[] = [];
  page.on("request", (request) => {
    const id = request.headers()["x-request-id"];
    if (request.url().startsWith(API_URL) && request.method() !== "OPTIONS" && id) sent.push(id);
  });
  await register(page, newUser("l21"));
  await expect.poll(() => sent.length).toBeGreaterThan(0);
  await expect
    .poll(() => {
      const apiLines = readFileSync(TASKGATE_LOG_FILE, "utf8")
        .split("\n")
        .filter((line) => line.startsWith('{"') && line.includes('"service":"api"'));
      return sent.filter((id) => apiLines.some((line) => line.includes(`"request_id":"${id}"`)));
    })
    .toEqual(sent);
});

test("L20: a sign-in whose callbackURL forges a log line and clears the screen writes neither", async ({
  request,
  baseURL,
}) => {
  const { TASKGATE_LOG_FILE } = e2eEnv(process.env.E2E_DATA_DIR ?? "");
  const marker = `l20-${Date.now()}`;
  const response = await request.post("/api/auth/sign-in/email", {
    headers: { "content-type": "application/json", origin: baseURL ?? "" },
    data: {
      email: `${marker}@example.test`,
      password: "not the password",
      callbackURL: `https://evil.example/${marker}\n[api] {"event":"FORGED"}\u001b[2J\u001b[H`,
    },
  });
  expect(response.status()).toBe(403);
  // The refusal is logged (as one escaped JSON line of the web app's)...
  await expect.poll(() => readFileSync(TASKGATE_LOG_FILE, "utf8").includes(marker)).toBe(true);
  const logs = readFileSync(TASKGATE_LOG_FILE, "utf8");
  // ...and nothing in the log is a line a request wrote for itself.
  expect(logs).not.toContain('\n[api] {"event":"FORGED"}');
  // Every line of both services' output is one JSON object, none of them forged.
  for (const line of logs.split("\n").filter(Boolean)) {
    const entry = JSON.parse(line) as { service?: string; event?: string };
    expect(["start", "web", "api"]).toContain(entry.service);
    expect(entry.event).not.toBe("FORGED");
  }
  // No raw escape character at all: the request's is escaped inside its JSON
  // string, and Next's coloured banner lines are turned into plain JSON too.
  expect(logs).not.toContain("\u001b");
  for (const line of logs.split("\n").filter((l) => l.includes(marker))) {
    expect(line).toMatch(/^\{.*"service":"web".*\}$/);
  }
});
