import { afterAll, beforeAll } from "vitest";
import { createTestApp, type TestApp, type TestAppOptions } from "./test-app.js";

/**
 * One app for all the tests of the enclosing describe: created before the
 * first of them, closed after the last. The describe body runs before any
 * hook, so what it gets is a stand-in that reads the live app; use it only
 * inside tests and hooks.
 */
export function sharedTestApp(options: TestAppOptions = {}): TestApp {
  let live: TestApp | undefined;
  beforeAll(async () => {
    live = await createTestApp(options);
  });
  afterAll(async () => {
    await live?.close();
  });
  const current = (): TestApp => {
    if (!live) throw new Error("sharedTestApp: the app exists only inside tests and hooks");
    return live;
  };
  return {
    get app() {
      return current().app;
    },
    get engine() {
      return current().engine;
    },
    get database() {
      return current().database;
    },
    get databaseName() {
      return current().databaseName;
    },
    get db() {
      return current().db;
    },
    get jwks() {
      return current().jwks;
    },
    get revocations() {
      return current().revocations;
    },
    get server() {
      return current().server;
    },
    get feed() {
      return current().feed;
    },
    get key() {
      return current().key;
    },
    rawLogs: () => current().rawLogs(),
    logs: () => current().logs(),
    token: (overrides) => current().token(overrides),
    queryCount: () => current().queryCount(),
    close: () => current().close(),
  };
}
