import { defineConfig } from "vitest/config";

// One runner for every unit and integration test in the workspaces; the
// end-to-end suite (e2e/) runs under Playwright instead.
export default defineConfig({
  test: {
    include: ["apps/*/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
