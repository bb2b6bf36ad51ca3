import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isIntegrationTest, testKinds } from "./test-kinds.mjs";

describe("test kinds (npm run test:unit / test:integration)", () => {
  it("counts a file as integration when it imports a driver, the network or an I/O helper", () => {
    expect(isIntegrationTest(`import pg from "pg";`)).toBe(true);
    expect(isIntegrationTest(`import { createServer } from "node:http";`)).toBe(true);
    expect(isIntegrationTest(`import { createTestApp } from "../testing/test-app.js";`)).toBe(true);
    expect(
      isIntegrationTest(`import {\n  createTestDatabase,\n} from "@taskgate/test-services";`),
    ).toBe(true);
  });

  it("counts a file as unit when it imports only code and pure helpers", () => {
    expect(isIntegrationTest(`import { z } from "zod";\nimport { x } from "./x";`)).toBe(false);
    expect(isIntegrationTest(`import { fakeStorage } from "../testing/fake-storage";`)).toBe(false);
    expect(isIntegrationTest(`// import { get } from "node:http" in a comment`)).toBe(false);
    expect(isIntegrationTest(`const source = 'import pg from "pg";';`)).toBe(false);
  });

  it("puts every test file of the repository in exactly one part", () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
    const { unit, integration } = testKinds(root);
    expect(unit).toContain("scripts/lib/test-kinds.test.ts");
    expect(integration).toContain("apps/api/src/tasks/task-routes.test.ts");
    expect(unit.filter((file) => integration.includes(file))).toEqual([]);
  });
});
