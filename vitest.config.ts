import { defineConfig } from "vitest/config";
import { testKinds } from "./scripts/lib/test-kinds.mjs";

// One runner for every unit and integration test in the workspaces; the
// end-to-end suite (e2e/) runs under Playwright instead. Two projects, so
// either part runs alone (`npm run test:unit`, `npm run test:integration`):
// a file is an integration test when it imports something that does real
// I/O (a server, a database, a child process), see scripts/lib/test-kinds.mjs.
const kinds = testKinds(import.meta.dirname);

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "unit", include: kinds.unit } },
      { extends: true, test: { name: "integration", include: kinds.integration } },
    ],
  },
});
