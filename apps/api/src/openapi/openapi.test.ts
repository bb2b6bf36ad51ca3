import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestApp, type TestApp } from "../testing/test-app.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

const DocumentSchema = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({
    securitySchemes: z.record(
      z.string(),
      z.object({ type: z.string(), scheme: z.string().optional(), name: z.string().optional() }),
    ),
    schemas: z.record(z.string(), z.unknown()),
  }),
});

const OperationSchema = z.object({
  security: z.array(z.record(z.string(), z.array(z.string()))),
  responses: z.record(z.string(), z.unknown()),
});

// Every task endpoint of the contract, as OpenAPI spells its paths.
const CONTRACT: [string, string, string][] = [
  ["/api/{userId}/tasks", "get", "200"],
  ["/api/{userId}/tasks", "post", "201"],
  ["/api/{userId}/tasks/{taskId}", "get", "200"],
  ["/api/{userId}/tasks/{taskId}", "put", "200"],
  ["/api/{userId}/tasks/{taskId}", "patch", "200"],
  ["/api/{userId}/tasks/{taskId}", "delete", "204"],
  ["/api/{userId}/tasks/{taskId}/complete", "patch", "200"],
];

describe("GET /openapi.json", () => {
  it("serves an OpenAPI 3.1 document without a token", async () => {
    const res = await t.app.inject({ url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const doc = DocumentSchema.parse(res.json());
    expect(doc.openapi.startsWith("3.1")).toBe(true);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(doc.components.securitySchemes.dpopAuth).toMatchObject({ type: "http", scheme: "DPoP" });
    expect(doc.components.securitySchemes.dpopProof).toMatchObject({
      type: "apiKey",
      name: "DPoP",
    });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Task", "TaskList", "Problem"]),
    );
  });

  it.each(CONTRACT)(
    "documents %s %s with bearer or DPoP security and its success status",
    async (path, method, status) => {
      const doc = DocumentSchema.parse((await t.app.inject({ url: "/openapi.json" })).json());
      const operation = OperationSchema.parse(doc.paths[path]?.[method]);
      expect(operation.security).toEqual([{ bearerAuth: [] }, { dpopAuth: [], dpopProof: [] }]);
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining([status, "401", "403"]),
      );
    },
  );

  it("describes the create body from the contract's schema (title limits, strict)", async () => {
    const doc = DocumentSchema.parse((await t.app.inject({ url: "/openapi.json" })).json());
    const text = JSON.stringify(doc.paths["/api/{userId}/tasks"]?.post);
    expect(text).toContain('"maxLength":200');
    expect(text).toContain('"additionalProperties":false');
    expect(text).toContain("idempotency-key");
  });

  it("leaves the docs routes and itself out of the document", async () => {
    const doc = DocumentSchema.parse((await t.app.inject({ url: "/openapi.json" })).json());
    expect(
      Object.keys(doc.paths).filter((path) => path.startsWith("/docs") || path === "/openapi.json"),
    ).toEqual([]);
  });
});

describe("GET /docs", () => {
  it("serves the docs page as HTML without a token", async () => {
    const res = await t.app.inject({ url: "/docs" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("swagger-ui");
  });

  it("serves the page's script and stylesheet", async () => {
    for (const asset of [
      "/docs/static/swagger-ui-bundle.js",
      "/docs/static/swagger-ui.css",
      "/docs/static/swagger-initializer.js",
    ]) {
      const res = await t.app.inject({ url: asset });
      expect(res.statusCode, asset).toBe(200);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-type"]).toMatch(/javascript|css/);
    }
  });
});
