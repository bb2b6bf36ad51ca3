import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "./support/e2e-env";

const { TASKGATE_LOG_FILE } = e2eEnv(process.env.E2E_DATA_DIR ?? "");

test("L1: the whole end-to-end run logged no token, session cookie or password", () => {
  const logs = readFileSync(TASKGATE_LOG_FILE, "utf8");
  // The audit means something only if the run produced request logs.
  expect(logs).toMatch(/"event":"http\.request"/);
  expect(logs).toMatch(/"event":"auth\.refused"/);

  expect(logs).not.toMatch(/eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/); // a JWT
  expect(logs).not.toMatch(/Bearer [\w-]+\./);
  expect(logs).not.toMatch(/session_token=/);
  expect(logs).not.toMatch(/pw-[0-9a-f]{8}-[0-9a-f]{4}/); // passwords of newUser()
  expect(logs).not.toContain("wrong-password-123");
});
