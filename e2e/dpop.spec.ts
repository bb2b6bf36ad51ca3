import { expect, type Page, type Request, test } from "@playwright/test";
import { generateKeyPair, generateProof } from "dpop";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from "jose";
import { e2eEnv } from "./support/e2e-env";
import { signOutFromMenu } from "./support/shell";
import { newUser, register, signIn } from "./support/users";

// Token binding in the browser (issue 14, docs/decisions/043-045): the
// dashboard's key, its proofs, and what a token copied out of the page is
// worth elsewhere.

const { API_URL } = e2eEnv(process.env.E2E_DATA_DIR ?? "");
const apiOrigin = new URL(API_URL).origin;

const isApiCall = (request: Request) =>
  new URL(request.url()).origin === apiOrigin && request.method() !== "OPTIONS";
const isTokenRequest = (request: Request) => new URL(request.url()).pathname === "/api/auth/token";

/** The thumbprint of the key a proof names in its header. */
async function proofKeyThumbprint(proof: string): Promise<string> {
  const { jwk } = decodeProtectedHeader(proof);
  expect(jwk).toBeTruthy();
  return calculateJwkThumbprint(jwk ?? {}, "sha256");
}

/** Every token the page's token requests receive, in order. */
function recordTokens(page: Page): string[] {
  const tokens: string[] = [];
  page.on("response", async (response) => {
    if (!isTokenRequest(response.request()) || response.status() !== 200) return;
    const body: { token?: unknown } = await response.json().catch(() => ({}));
    if (typeof body.token === "string") tokens.push(body.token);
  });
  return tokens;
}

const jktOf = (token: string | undefined) => {
  const cnf = decodeJwt(token ?? "").cnf;
  return typeof cnf === "object" && cnf !== null && "jkt" in cnf ? String(cnf.jkt) : null;
};

/** What the page's IndexedDB holds for the DPoP key, read by the page itself. */
function storedKey(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ found: boolean; extractable?: boolean; exported?: string }>((resolve) => {
        const open = indexedDB.open("taskgate-dpop", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("keys");
        open.onsuccess = () => {
          const get = open.result.transaction("keys").objectStore("keys").get("current");
          get.onsuccess = async () => {
            const pair: unknown = get.result;
            open.result.close();
            if (!pair || typeof pair !== "object" || !("privateKey" in pair)) {
              return resolve({ found: false });
            }
            const privateKey = pair.privateKey;
            if (!(privateKey instanceof CryptoKey)) return resolve({ found: false });
            const exported = await crypto.subtle.exportKey("jwk", privateKey).then(
              () => "exported",
              (error: unknown) => (error instanceof Error ? error.name : "refused"),
            );
            resolve({ found: true, extractable: privateKey.extractable, exported });
          };
        };
      }),
  );
}

test("B21: every api call the dashboard makes carries Authorization: DPoP and a fresh proof of the page's key", async ({
  page,
}) => {
  const calls: Request[] = [];
  page.on("request", (request) => {
    if (isApiCall(request)) calls.push(request);
  });
  const tokens = recordTokens(page);
  await register(page, newUser("dpop"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await page.getByLabel("Title").fill("Bound to this browser");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("Task created")).toBeVisible();

  expect(calls.length).toBeGreaterThanOrEqual(3);
  const jkt = jktOf(tokens.at(-1));
  expect(jkt).toMatch(/^[\w-]{43}$/);
  const jtis = new Set<string>();
  for (const call of calls) {
    const headers = await call.allHeaders();
    expect(headers.authorization).toMatch(/^DPoP [\w-]+\.[\w-]+\.[\w-]+$/);
    const proof = headers.dpop ?? "";
    expect(decodeProtectedHeader(proof)).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
    expect(await proofKeyThumbprint(proof)).toBe(jkt);
    const claims = decodeJwt(proof);
    const url = new URL(call.url());
    expect(claims).toMatchObject({ htm: call.method(), htu: `${url.origin}${url.pathname}` });
    expect(typeof claims.ath).toBe("string");
    jtis.add(String(claims.jti));
  }
  expect(jtis.size).toBe(calls.length);
});

test("B20: the DPoP private key is non-extractable and kept only in IndexedDB", async ({
  page,
}) => {
  await register(page, newUser("dpop-key"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  expect(await storedKey(page)).toEqual({
    found: true,
    extractable: false,
    exported: "InvalidAccessError",
  });
  const readable = await page.evaluate(() =>
    JSON.stringify({ ...localStorage, ...sessionStorage, cookie: document.cookie }),
  );
  // No JWK private member ("d") anywhere scripts could read.
  expect(readable).not.toMatch(/"d"\s*:/);
});

test("B26: a reload keeps the same key, with one token request per page load", async ({ page }) => {
  const tokens = recordTokens(page);
  await register(page, newUser("dpop-reload"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await expect.poll(() => tokens.length).toBeGreaterThan(0);
  const before = jktOf(tokens.at(-1));
  expect(before).not.toBeNull();

  let tokenRequests = 0;
  page.on("request", (request) => {
    if (isTokenRequest(request)) tokenRequests += 1;
  });
  const seen = tokens.length;
  await page.reload();
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await expect(page.getByTestId("task-list").or(page.getByText(/no tasks yet/i))).toBeVisible();
  expect(tokenRequests).toBe(1);
  await expect.poll(() => tokens.length).toBe(seen + 1);
  expect(jktOf(tokens.at(-1))).toBe(before);
});

test("B26: sign-out deletes the key; the next session gets a new one", async ({ page }) => {
  const user = newUser("dpop-signout");
  const tokens = recordTokens(page);
  await register(page, user);
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await expect.poll(() => tokens.length).toBeGreaterThan(0);
  const first = jktOf(tokens.at(-1));

  await signOutFromMenu(page);
  await expect(page).toHaveURL(/\/login/);
  expect(await storedKey(page)).toEqual({ found: false });

  await signIn(page, user);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  const second = jktOf(tokens.at(-1));
  expect(second).not.toBeNull();
  expect(second).not.toBe(first);
});

test("B26: deleting the account deletes the key", async ({ page }) => {
  const user = newUser("dpop-delete");
  await register(page, user);
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await expect.poll(async () => (await storedKey(page)).found).toBe(true);
  await page.goto("/account");
  await page.getByRole("button", { name: "Delete account…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await dialog.getByLabel("Password").fill(user.password);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
  expect(await storedKey(page)).toEqual({ found: false });
});

test("B26: a session ended elsewhere deletes the key when the page next calls the api", async ({
  page,
  baseURL,
}) => {
  await register(page, newUser("dpop-ended"));
  await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  await expect.poll(async () => (await storedKey(page)).found).toBe(true);
  // Ended from outside the page: every session of the user is revoked.
  const revoked = await page.request.post("/api/auth/revoke-sessions", {
    headers: { origin: baseURL ?? "" },
    data: {},
  });
  expect(revoked.status()).toBe(200);
  // The api learns of it through the revocation feed; the page's next call
  // then gets a 401, cannot get a new token, and leaves for sign-in.
  await expect(async () => {
    if (!/\/login/.test(page.url())) {
      await page.getByLabel("Title").fill("After the session ended");
      await page.getByRole("button", { name: "Add task" }).click();
    }
    await expect(page).toHaveURL(/\/login/, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  expect(await storedKey(page)).toEqual({ found: false });
});

// The api verifies DPoP proofs (issue 14): these always run, never skipped.
test.describe("a token copied out of the page", () => {
  test("B27: is refused when replayed from another client, as Bearer or with the thief's own proof", async ({
    page,
    request,
  }) => {
    const tokens = recordTokens(page);
    await register(page, newUser("dpop-thief"));
    await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
    await expect.poll(() => tokens.length).toBeGreaterThan(0);
    const stolen = tokens.at(-1) ?? "";
    expect(jktOf(stolen)).not.toBeNull();
    const url = `${API_URL}/api/protected`;

    const asBearer = await request.get(url, { headers: { Authorization: `Bearer ${stolen}` } });
    expect(asBearer.status()).toBe(401);

    const thiefKey = await generateKeyPair("ES256");
    const thiefProof = await generateProof(thiefKey, url, "GET", undefined, stolen);
    const withOwnProof = await request.get(url, {
      headers: { Authorization: `DPoP ${stolen}`, DPoP: thiefProof },
    });
    expect(withOwnProof.status()).toBe(401);

    // The page itself, holding the key, still gets through.
    await page.reload();
    await expect(page.getByTestId("api-user-id")).not.toBeEmpty();
  });
});
