import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API_NODE_FLAGS } from "./services.mjs";

// The production api's node flags live in three places that run it: npm
// start (services.mjs), the api's own start script and the container's CMD.
// A flag dropped from one of them changes memory without any test noticing.
const root = join(import.meta.dirname, "../..");

describe("the api's node flags are the same wherever it is started", () => {
  it("apps/api's start script passes exactly API_NODE_FLAGS", () => {
    const start: string = JSON.parse(readFileSync(join(root, "apps/api/package.json"), "utf8"))
      .scripts.start;
    expect(start).toBe(`node ${API_NODE_FLAGS.join(" ")} dist/main.js`);
  });

  it("the Dockerfile's api CMD passes exactly API_NODE_FLAGS", () => {
    const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
    const cmd = /^CMD (\[.*"apps\/api\/dist\/main\.js"\])$/m.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd ?? "[]")).toEqual(["node", ...API_NODE_FLAGS, "apps/api/dist/main.js"]);
  });

  it("names the old generation's growth and the young generation's size (decisions 022, 061)", () => {
    expect(API_NODE_FLAGS).toContain("--max-semi-space-size=4");
    expect(API_NODE_FLAGS).toContain("--heap-growing-percent=50");
  });
});
