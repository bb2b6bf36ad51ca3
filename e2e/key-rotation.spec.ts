import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "./support/e2e-env";
import { newUser, register } from "./support/users";

const env = e2eEnv(process.env.E2E_DATA_DIR ?? "");

function kidOf(token: string): string {
  return JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")).kid;
}

function rotateKeys(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "keys:rotate"], {
      env: { ...process.env, ...env, NODE_ENV: "production" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("F5: rotating the signing key while a client keeps calling the api fails no request", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await register(page, newUser("rotation"));

  const failures: string[] = [];
  const kidsAccepted = new Set<string>();
  let calls = 0;
  let rotating = true;
  const rotation = rotateKeys().finally(() => {
    rotating = false;
  });

  // Keep going until the rotation is over and a few seconds beyond it, with a
  // fresh token each time so tokens from both keys reach the api.
  let graceEnds = Number.POSITIVE_INFINITY;
  while (Date.now() < graceEnds) {
    if (!rotating && graceEnds === Number.POSITIVE_INFINITY) graceEnds = Date.now() + 4_000;
    const tokenResponse = await page.request.get("/api/auth/token");
    if (!tokenResponse.ok()) {
      failures.push(`token ${tokenResponse.status()}`);
      continue;
    }
    const { token } = await tokenResponse.json();
    const api = await page.request.get(`${env.API_URL}/api/protected`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    calls += 1;
    if (api.ok()) kidsAccepted.add(kidOf(token));
    else failures.push(`api ${api.status()} for kid ${kidOf(token)}`);
    await page.waitForTimeout(250);
  }

  const { code, output } = await rotation;
  expect(code, output).toBe(0);
  expect(failures).toEqual([]);
  expect(calls).toBeGreaterThan(20);
  // Tokens from the old key and the new key were both accepted.
  expect(kidsAccepted.size).toBe(2);
});
