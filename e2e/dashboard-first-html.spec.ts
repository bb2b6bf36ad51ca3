import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Request, test } from "@playwright/test";
import { e2eEnv } from "./support/e2e-env";
import { freePortsSync } from "./support/free-ports";
import { createTasksViaApi } from "./support/tasks-api";
import { newUser, register } from "./support/users";

// The dashboard's first tasks come in the first HTML (decision 059): the
// server fetches them for the session and hands them to the browser's query
// cache, so the browser does not fetch them again. With the api down the page
// still renders, and the browser takes over.

const root = fileURLToPath(new URL("..", import.meta.url));
const { API_URL } = e2eEnv(process.env.E2E_DATA_DIR ?? "");

/** The browser's own requests for task lists. */
function taskListRequests(requests: Request[]) {
  return requests.filter(
    (request) => request.method() === "GET" && /\/api\/[^/]+\/tasks(\?|$)/.test(request.url()),
  );
}

test("the first HTML lists the first tasks, and the browser does not fetch them again", async ({
  page,
}) => {
  await register(page, newUser("first-html"));
  await createTasksViaApi(page, [
    { title: "Rendered by the server" },
    { title: "Finished on the server", completed: true },
  ]);

  // The server's answer alone, before any script runs.
  const html = await (await page.request.get("/dashboard?status=active")).text();
  // The list as rendered, under the page's filter (the payload after it also
  // holds the counts' page, with every task).
  const list = html.slice(html.indexOf('data-testid="task-list"'), html.indexOf("</ul>"));
  expect(list).toContain("Rendered by the server");
  expect(list).not.toContain("Finished on the server");
  expect(html).toMatch(/data-testid="count-completed"[^>]*>1</);

  const requests: Request[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(API_URL)) requests.push(request);
  });
  await page.goto("/dashboard");
  const title = (text: string) => page.getByTestId("task-title").filter({ hasText: text });
  await expect(title("Rendered by the server")).toBeVisible();
  await expect(title("Finished on the server")).toBeVisible();
  // The filters' counts came with it as well.
  await expect(page.getByTestId("count-completed")).toHaveText("1");
  // The page has settled: the api status check has been answered.
  await expect(page.getByTestId("api-user-id")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(taskListRequests(requests).map((request) => request.url())).toEqual([]);
  // No token of the server's reached the page: the browser's own calls carry
  // its DPoP-bound token, and the HTML carries none.
  expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
});

test.describe("with the api down", () => {
  let web: ChildProcess | undefined;
  let webUrl = "";
  let dataDir = "";
  const output: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // The api's port stays closed: nothing listens there.
    const [webPort, deadApiPort] = freePortsSync(2);
    webUrl = `http://localhost:${webPort}`;
    dataDir = mkdtempSync(join(tmpdir(), "taskgate-no-api-"));
    web = spawn(process.execPath, [join(root, "apps/web/server.mjs")], {
      cwd: join(root, "apps/web"),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        WEB_PORT: String(webPort),
        API_PORT: String(deadApiPort),
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    web.stdout?.on("data", (chunk) => output.push(String(chunk)));
    web.stderr?.on("data", (chunk) => output.push(String(chunk)));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && web.exitCode === null) {
      const up = await fetch(`${webUrl}/login`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return;
      await new Promise((done) => setTimeout(done, 300));
    }
    throw new Error(`the web app did not start:\n${output.join("").slice(-3000)}`);
  });

  test.afterAll(async () => {
    if (web && web.exitCode === null) {
      const exited = new Promise((done) => web?.once("exit", done));
      web.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("the dashboard still renders, and the browser says it cannot reach the server", async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: webUrl });
    try {
      const page = await context.newPage();
      await register(page, newUser("no-api"));
      await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
      await expect(page.getByTestId("offline-banner")).toHaveAttribute("data-state", "unreachable");
      // The server tried, gave up within its budget, and said so.
      expect(output.join("")).toContain("dashboard.prefetch_skipped");
    } finally {
      await context.close();
    }
  });
});
